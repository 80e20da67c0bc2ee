namespace Masthead.Newsletters;

/// <summary>The words of the newsletter pages and emails, in NewslettersText.resx and its translations.</summary>
public sealed class NewslettersText;
