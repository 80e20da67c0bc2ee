using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Masthead.Staff;

/// <summary>
/// The languages the admin is written in. Each staff member picks one on their account page; before sign-in the
/// browser's Accept-Language chooses between them. Independent of the site's editions: a Russian edition's writer may
/// read the admin in English, and the other way round.
/// </summary>
public static class StaffLanguages
{
    public const string English = "en", Russian = "ru";

    /// <summary>Each language with its name as its own speakers write it, for the picker.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> All = [(English, "English"), (Russian, "Русский")];

    public static bool IsKnown(string? code) => All.Any(language => language.Code == code);

    /// <summary>The first of ours the browser asks for, by its q-values; English when it asks for neither.</summary>
    public static string FromAcceptLanguage(IList<StringWithQualityHeaderValue> accepted) =>
        accepted.OrderByDescending(value => value.Quality ?? 1)
            .Select(value => value.Value.Value?.Split('-')[0].ToLowerInvariant())
            .FirstOrDefault(IsKnown) ?? English;

    /// <summary>
    /// The culture to print the admin in: the edition's own when it is already in <paramref name="code"/> (an
    /// "en-GB" newsroom keeps its dates), else the language itself.
    /// </summary>
    public static CultureInfo Culture(string code, CultureInfo current) =>
        current.TwoLetterISOLanguageName == code ? current : CultureInfo.GetCultureInfo(code);
}
