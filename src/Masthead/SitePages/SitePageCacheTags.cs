namespace Masthead.SitePages;

/// <summary>What cached pages show of the standalone pages (see <see cref="Web.PageCache"/>).</summary>
public static class SitePageCacheTags
{
    /// <summary>
    /// Every page whose layout prints the navigation and footer links (all of them), every standalone page, and the
    /// sitemap: one tag, since a save may move a page into or out of the links that every page shows.
    /// </summary>
    public const string Pages = "site-pages";
}
