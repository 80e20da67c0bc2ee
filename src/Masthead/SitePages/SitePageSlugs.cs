using Masthead.Editions;

namespace Masthead.SitePages;

/// <summary>
/// Which addresses a page may take at the root of its edition: never one of Masthead's own routes, a static file, an
/// edition's prefix, or the date, category, tag and author paths an imported site's old addresses use (those answer
/// with redirects, which a page at the same address would hide).
/// </summary>
public static class SitePageSlugs
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        // Masthead's routes and files.
        "admin", "api", "appeal", "articles", "authors", "error", "health", "media", "payments", "sandbox", "search",
        "support", "tags", "feed.xml", "atom.xml", "sitemap.xml", "robots.txt", ".well-known", "site.css", "reader.js",
        "admin.js", "favicon.ico",
        "reach",

        // Old WordPress and Ghost addresses that imports redirect.
        "category", "tag", "author", "page", "feed", "rss", "wp-admin", "wp-content", "wp-includes", "wp-json",
        "wp-login.php", "xmlrpc.php", "content", "ghost", "p",
    };

    /// <summary>True when <paramref name="slug"/> would shadow a route, a file, an edition or an old-address path (a year, such as 2024).</summary>
    public static bool IsReserved(string slug, SiteEditions editions)
    {
        ArgumentNullException.ThrowIfNull(editions);
        return Reserved.Contains(slug) || editions.Find(slug) is not null || (slug.Length == 4 && slug.All(char.IsAsciiDigit));
    }
}
