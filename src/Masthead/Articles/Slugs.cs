using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Masthead.Web;

namespace Masthead.Articles;

/// <summary>URL names for articles, tags and authors: lower-case Latin letters, digits and single hyphens.</summary>
public static partial class Slugs
{
    // A readable romanisation of Russian, Ukrainian and Belarusian letters (close to the passport standard).
    private static readonly Dictionary<char, string> Cyrillic = new()
    {
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['д'] = "d", ['е'] = "e", ['ё'] = "e", ['ж'] = "zh",
        ['з'] = "z", ['и'] = "i", ['й'] = "i", ['к'] = "k", ['л'] = "l", ['м'] = "m", ['н'] = "n", ['о'] = "o",
        ['п'] = "p", ['р'] = "r", ['с'] = "s", ['т'] = "t", ['у'] = "u", ['ф'] = "f", ['х'] = "kh", ['ц'] = "ts",
        ['ч'] = "ch", ['ш'] = "sh", ['щ'] = "shch", ['ъ'] = "", ['ы'] = "y", ['ь'] = "", ['э'] = "e", ['ю'] = "iu",
        ['я'] = "ia", ['є'] = "ie", ['і'] = "i", ['ї'] = "i", ['ґ'] = "g", ['ў'] = "u",
    };

    public static bool IsValid(string? slug) =>
        slug is { Length: > 0 and <= ArticleLimits.Slug } && SlugPattern().IsMatch(slug);

    /// <summary>A slug made from any text, Cyrillic included; empty when nothing usable is left.</summary>
    public static string From(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in TypedText.Clean(text).Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (Cyrillic.TryGetValue(c, out var latin))
            {
                builder.Append(latin);
            }
            else if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append('-');
            }
        }

        var slug = Hyphens().Replace(builder.ToString(), "-").Trim('-');
        return slug.Length <= ArticleLimits.Slug ? slug : slug[..ArticleLimits.Slug].TrimEnd('-');
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("-{2,}")]
    private static partial Regex Hyphens();
}
