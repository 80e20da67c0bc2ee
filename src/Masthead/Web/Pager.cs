namespace Masthead.Web;

/// <summary>The newer/older links under an admin list; <paramref name="Link"/> makes the address of a page number.</summary>
public sealed record Pager(int Number, int Count, Func<int, string> Link);
