namespace Masthead.Web;

/// <summary>The newer/older links under a list; <paramref name="Link"/> makes the address of a page number. A list not in time order (search results) names its links otherwise.</summary>
public sealed record Pager(int Number, int Count, Func<int, string> Link, string? Previous = null, string? Next = null);
