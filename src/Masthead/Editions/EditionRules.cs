using System.Globalization;
using System.Text.RegularExpressions;
using Masthead.Newsroom;
using Microsoft.Extensions.Options;

namespace Masthead.Editions;

/// <summary>Refuses a start with an edition that could not be served: an unknown language, a prefix that is not a plain path segment or clashes with the site's own addresses, two editions on one address.</summary>
internal sealed partial class EditionRules : IValidateOptions<NewsroomOptions>
{
    /// <summary>The first path segments of the site's own addresses, which no edition's prefix may take.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "admin", "api", "appeal", "articles", "atom.xml", "authors", "error", "feed.xml", "health", "media", "metrics", "robots.txt",
        "sandbox", "search", "site.css", "sitemap.xml", "stripe", "support", "tags", ".well-known",
    };

    public ValidateOptionsResult Validate(string? name, NewsroomOptions options)
    {
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (!IsLanguage(options.Language))
        {
            failures.Add($"Masthead:Newsroom:Language \"{options.Language}\" is not a language this machine knows: use a BCP 47 language such as en, ru or ar.");
        }

        foreach (var (code, edition) in options.Editions)
        {
            var setting = $"Masthead:Newsroom:Editions:{code}";
            if (!IsLanguage(code))
            {
                failures.Add($"{setting}: \"{code}\" is not a language this machine knows: name an edition by its BCP 47 language, such as ru, ar or pt-BR.");
                continue;
            }

            var isDefault = string.Equals(code, options.Language, StringComparison.OrdinalIgnoreCase);
            if (!string.IsNullOrWhiteSpace(edition.BaseUrl))
            {
                if (PublicAddress.Problem($"{setting}:BaseUrl", edition.BaseUrl.Trim()) is { } problem)
                {
                    failures.Add(problem);
                }
                else if (!seen.Add(new Uri(edition.BaseUrl.Trim()).IdnHost))
                {
                    failures.Add($"{setting}:BaseUrl \"{edition.BaseUrl}\" is the address of another edition too: each edition needs its own.");
                }

                continue;
            }

            if (isDefault)
            {
                if (!string.IsNullOrWhiteSpace(edition.Prefix) && edition.Prefix.Trim() != "/")
                {
                    failures.Add($"{setting}:Prefix must be empty: {code} is Masthead:Newsroom:Language, the default edition, which is at the site's root.");
                }

                continue;
            }

            var prefix = SiteEditions.Make(code, edition, isDefault: false, options).Prefix;
            if (!PrefixPattern().IsMatch(prefix))
            {
                failures.Add($"{setting}:Prefix \"{edition.Prefix}\" must be one path segment of lower-case letters, digits and hyphens after a slash, such as /ru.");
            }
            else if (Reserved.Contains(prefix[1..]))
            {
                failures.Add($"{setting}:Prefix \"{prefix}\" is one of the site's own addresses: choose another, such as /{code.ToLowerInvariant()}-edition.");
            }
            else if (!seen.Add(prefix))
            {
                failures.Add($"{setting}:Prefix \"{prefix}\" is the prefix of another edition too: each edition needs its own.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsLanguage(string code)
    {
        try
        {
            return CultureInfo.GetCultureInfo(code, predefinedOnly: true) is { Name.Length: > 0 };
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }

    [GeneratedRegex("^/[a-z0-9][a-z0-9-]{0,30}$")]
    private static partial Regex PrefixPattern();
}
