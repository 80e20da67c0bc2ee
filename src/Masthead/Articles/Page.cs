namespace Masthead.Articles;

/// <summary>One page of a longer list; page numbers start at 1.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Number, int Size, int Total)
{
    public int Count => Math.Max(1, (Total + Size - 1) / Size);
    public bool HasPrevious => Number > 1;
    public bool HasNext => Number < Count;
}
