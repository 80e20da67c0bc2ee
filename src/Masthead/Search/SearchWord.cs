namespace Masthead.Search;

/// <summary>
/// One word of a text as search reads it: where it stands in the (NFC-normalized) text, and the term it is indexed
/// under, or null for a word search ignores (a stop word such as "the" or "и", or a run of letters too long to be one).
/// </summary>
public readonly record struct SearchWord(int Start, int Length, string? Term)
{
    public int End => Start + Length;
}
