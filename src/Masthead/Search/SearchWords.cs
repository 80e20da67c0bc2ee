using System.Globalization;
using System.Text;
using Lucene.Net.Analysis.Ar;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Ru;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Masthead.Search;

/// <summary>
/// The one analysis both databases index and query with: words are runs of Unicode letters and digits, lower-cased,
/// then each stemmed by its own script, whatever the edition: Latin by the English Snowball stemmer (diacritics
/// folded), Cyrillic by the Russian one (ё read as е), Arabic normalized and lightly stemmed; other scripts are only
/// lower-cased. So "sanctions" and "sanction" are one term, "санкций" and "санкциями" another, and a mixed text
/// finds both. A term holds only letters and ASCII digits, so SQLite's unicode61 tokenizer and PostgreSQL's
/// parser each read it back as exactly one token.
/// </summary>
public static class SearchWords
{
    /// <summary>Longer runs are not words anyone searches for (a pasted key, a URL's tail) and are not indexed.</summary>
    public const int LongestTerm = 64;

    private static readonly ArabicNormalizer ArabicNormalizer = new();
    private static readonly ArabicStemmer ArabicStemmer = new();

    /// <summary>
    /// How many words each thread remembers the terms of. A language's few thousand commonest words are most of any
    /// text, so a page of snippets or an archive being indexed stems each of them once, not on every line.
    /// </summary>
    private const int RememberedTerms = 10_000;

    // Snowball stemmers keep their word in a field: one of each per thread.
    [ThreadStatic]
    private static EnglishStemmer? _english;

    [ThreadStatic]
    private static Dictionary<string, string?>? _known;

    [ThreadStatic]
    private static RussianStemmer? _russian;

    private enum Script
    {
        Other,
        Latin,
        Cyrillic,
        Arabic,
    }

    /// <summary>The text as the words are counted in it: NFC, so "й" typed as "и" and a combining breve is one letter.</summary>
    public static string Normalized(string text) => text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);

    /// <summary>The terms of <paramref name="text"/> in order, stop words left out.</summary>
    public static List<string> Terms(string text) => Words(Normalized(text)).Select(w => w.Term).OfType<string>().ToList();

    /// <summary>Every word of <paramref name="text"/> (already <see cref="Normalized"/>) with where it stands, for snippets.</summary>
    public static List<SearchWord> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<SearchWord>();
        var word = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (!IsWordRune(text, i, out var length))
            {
                i += length;
                continue;
            }

            var start = i;
            word.Clear();
            while (i < text.Length)
            {
                if (IsWordRune(text, i, out length))
                {
                    Append(word, text, i);
                    i += length;
                }
                else if (IsMark(text, i, out length) || (IsApostrophe(text[i]) && i + 1 < text.Length && IsWordRune(text, i + 1, out _)))
                {
                    // Marks inside a word (Arabic harakat) and an apostrophe between letters ("don't") keep the word whole.
                    word.Append(IsApostrophe(text[i]) ? "'" : text.AsSpan(i, length));
                    i += length;
                }
                else
                {
                    break;
                }
            }

            words.Add(new SearchWord(start, i - start, Term(word.ToString())));
        }

        return words;
    }

    /// <summary>The indexed form of one word, or null when search ignores it; remembered, see <see cref="RememberedTerms"/>.</summary>
    private static string? Term(string word)
    {
        var known = _known ??= new Dictionary<string, string?>(StringComparer.Ordinal);
        if (known.TryGetValue(word, out var term))
        {
            return term;
        }

        if (known.Count >= RememberedTerms)
        {
            known.Clear();
        }

        return known[word] = Analyze(word);
    }

    private static string? Analyze(string word)
    {
        var lower = word.ToLowerInvariant();
        var term = ScriptOf(lower) switch
        {
            Script.Latin => EnglishAnalyzer.DefaultStopSet.Contains(lower) ? null : English(FoldDiacritics(lower)),
            Script.Cyrillic => RussianAnalyzer.DefaultStopSet.Contains(lower) ? null : Russian(lower.Replace('ё', 'е')),
            Script.Arabic => ArabicAnalyzer.DefaultStopSet.Contains(lower) ? null : Arabic(lower.Normalize(NormalizationForm.FormKC)),
            _ => lower,
        };
        if (term is null)
        {
            return null;
        }

        // What the stemmers leave of apostrophes and marks is not part of the term: only letters and digits are.
        term = string.Concat(term.EnumerateRunes().Where(r => Rune.IsLetterOrDigit(r)).Select(r => r.ToString()));
        return term.Length is 0 or > LongestTerm ? null : term;
    }

    private static string English(string word)
    {
        var stemmer = _english ??= new EnglishStemmer();
        stemmer.SetCurrent(word);
        stemmer.Stem();
        return stemmer.Current;
    }

    private static string Russian(string word)
    {
        var stemmer = _russian ??= new RussianStemmer();
        stemmer.SetCurrent(word);
        stemmer.Stem();
        return stemmer.Current;
    }

    private static string Arabic(string word)
    {
        var chars = word.ToCharArray();
        var length = ArabicNormalizer.Normalize(chars, chars.Length);
        length = ArabicStemmer.Stem(chars, length);
        return new string(chars, 0, length);
    }

    private static string FoldDiacritics(string word)
    {
        if (word.All(char.IsAscii))
        {
            return word;
        }

        var decomposed = word.Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                kept.Append(c);
            }
        }

        return kept.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>A word's script is its first letter's; a word of digits only has none.</summary>
    private static Script ScriptOf(string word)
    {
        foreach (var rune in word.EnumerateRunes())
        {
            if (!Rune.IsLetter(rune))
            {
                continue;
            }

            return rune.Value switch
            {
                < 0x250 or (>= 0x1E00 and < 0x1F00) => Script.Latin,
                >= 0x400 and < 0x530 => Script.Cyrillic,
                (>= 0x600 and < 0x700) or (>= 0x750 and < 0x780) or (>= 0x8A0 and < 0x900) or (>= 0xFB50 and < 0xFE00) or (>= 0xFE70 and < 0xFF00) => Script.Arabic,
                _ => Script.Other,
            };
        }

        return Script.Other;
    }

    /// <summary>A letter, or a decimal digit of any script (appended as its ASCII digit, so "٢٠٢٦" finds "2026").</summary>
    private static bool IsWordRune(string text, int index, out int length)
    {
        var rune = RuneAt(text, index, out length);
        return Rune.IsLetter(rune) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.DecimalDigitNumber;
    }

    private static bool IsMark(string text, int index, out int length) =>
        Rune.GetUnicodeCategory(RuneAt(text, index, out length)) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private static void Append(StringBuilder word, string text, int index)
    {
        var rune = RuneAt(text, index, out var length);
        if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.DecimalDigitNumber)
        {
            word.Append((char)('0' + (int)Rune.GetNumericValue(rune)));
        }
        else
        {
            word.Append(text, index, length);
        }
    }

    private static Rune RuneAt(string text, int index, out int length)
    {
        if (Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out length) != System.Buffers.OperationStatus.Done)
        {
            length = 1;
            return Rune.ReplacementChar;
        }

        return rune;
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019';
}
