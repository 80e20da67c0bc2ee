namespace Masthead.Web;

/// <summary>Bound from <c>Masthead:Cache</c>.</summary>
public sealed class PageCacheOptions
{
    /// <summary>Off: every page is rendered from the database every time (for measuring; headers stay the same).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Memory for cached pages, all encodings counted; the least recently used pages go first.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 65536)]
    public int MaxMegabytes { get; set; } = 128;

    /// <summary>
    /// How long browsers may keep a public page without asking. None by default: a reader who just gave or snoozed must
    /// get the other variant of a page seen a minute ago, and news must not wait; asking again with the ETag costs a 304.
    /// </summary>
    public TimeSpan BrowserMaxAge { get; set; } = TimeSpan.Zero;

    /// <summary>How long a CDN may keep a public page; we cannot evict it there, so this bounds how stale it may get.</summary>
    public TimeSpan SharedMaxAge { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a CDN may serve a copy past its age while it fetches a new one, and while this server is failing.</summary>
    public TimeSpan StaleWhileRevalidate { get; set; } = TimeSpan.FromSeconds(300);

    public TimeSpan StaleIfError { get; set; } = TimeSpan.FromDays(1);
}
