namespace Masthead.Web;

/// <summary>The words of the layout and the shared partials, in WebText.resx and its translations.</summary>
public sealed class WebText;
