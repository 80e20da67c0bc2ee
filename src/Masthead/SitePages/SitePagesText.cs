namespace Masthead.SitePages;

/// <summary>The reader's words around standalone pages, in SitePagesText.resx and its translations.</summary>
public sealed class SitePagesText;
