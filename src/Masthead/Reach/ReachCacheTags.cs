namespace Masthead.Reach;

/// <summary>What cached pages show of the mirrors (see <see cref="Web.PageCache"/>).</summary>
public static class ReachCacheTags
{
    /// <summary>The "Reach us" pages and the feeds, which list the mirrors.</summary>
    public const string Mirrors = "mirrors";
}
