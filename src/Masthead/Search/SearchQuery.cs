using Masthead.Web;
using Microsoft.Extensions.Localization;

namespace Masthead.Search;

/// <summary>
/// What a reader typed, read as search reads it: at most <see cref="MaxLength"/> characters and <see cref="MaxTerms"/>
/// distinct terms (each term is one more condition on the index, so a pasted page must not become thousands), stop
/// words left out. Typed syntax means nothing: quotes, stars, brackets, AND, OR, NEAR are words or spaces like any other.
/// </summary>
public sealed record SearchQuery(string Text, IReadOnlyList<string> Terms, bool Shortened, bool TooManyWords, bool OnlyCommonWords)
{
    public const int MaxLength = 200;
    public const int MaxTerms = 8;

    public bool IsEmpty => Text.Length == 0;

    public static SearchQuery Read(string? typed)
    {
        var text = SearchWords.Normalized(TypedText.Clean(typed ?? "")).Trim();
        var shortened = text.Length > MaxLength;
        text = TypedText.Cut(text, MaxLength);
        var words = SearchWords.Words(text);
        var terms = words.Select(w => w.Term).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return new SearchQuery(text, terms.Take(MaxTerms).ToList(), shortened, terms.Count > MaxTerms, words.Count > 0 && terms.Count == 0);
    }

    /// <summary>What the reader should know about how their words were read, in a sentence each.</summary>
    public IEnumerable<string> Notes(IStringLocalizer<SearchText> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Shortened)
        {
            yield return text["Shortened", MaxLength];
        }

        if (TooManyWords)
        {
            yield return text["TooManyWords", MaxTerms];
        }
    }
}
