using System.Globalization;
using System.Resources;

namespace Masthead.Editions;

/// <summary>
/// The words that lead a reader to another edition, each in that edition's language ("Читать по-русски" on an English
/// page), so they are read from the target's resources, not the page's.
/// </summary>
public sealed class EditionsText
{
    private static readonly ResourceManager Resources = new(typeof(EditionsText));

    /// <summary>"Read in English" in <paramref name="edition"/>'s language; its name where Masthead has no words in that language.</summary>
    public static string ReadIn(Edition edition)
    {
        ArgumentNullException.ThrowIfNull(edition);
        for (var culture = edition.Culture; culture.Name.Length > 0; culture = culture.Parent)
        {
            if (Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)?.GetString(nameof(ReadIn)) is { } text)
            {
                return text;
            }
        }

        return string.Equals(edition.Culture.TwoLetterISOLanguageName, "en", StringComparison.Ordinal)
            ? Resources.GetString(nameof(ReadIn), CultureInfo.InvariantCulture) ?? edition.Name
            : edition.Name;
    }
}
