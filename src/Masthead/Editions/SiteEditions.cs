using System.Globalization;
using Masthead.Newsroom;
using Microsoft.Extensions.Options;

namespace Masthead.Editions;

/// <summary>
/// The newsroom's editions, from <c>Masthead:Newsroom:Editions</c>. The default edition is the one in
/// <c>Masthead:Newsroom:Language</c>, at the site's root, added when the list leaves it out. With no list, the demo
/// newsroom (<c>SeedDemo</c>) has a Russian edition at <c>/ru</c> beside it, and any other site the one edition.
/// </summary>
public sealed class SiteEditions
{
    /// <summary>The demo newsroom's second edition, used when no editions are configured and the demo is on.</summary>
    public const string DemoCode = "ru";

    public SiteEditions(IOptions<NewsroomOptions> newsroom)
    {
        var options = newsroom.Value;
        var configured = new Dictionary<string, EditionOptions>(options.Editions, StringComparer.OrdinalIgnoreCase);
        if (configured.Count == 0 && options.SeedDemo && !string.Equals(options.Language, DemoCode, StringComparison.OrdinalIgnoreCase))
        {
            configured[DemoCode] = new EditionOptions
            {
                Name = "Русский", Prefix = "/ru", NewsroomName = "Меридиан", Tagline = "Независимая журналистика на деньги читателей", Currency = "EUR",
            };
        }

        configured.TryAdd(options.Language, new EditionOptions());
        All = [.. configured
            .Select(pair => Make(pair.Key, pair.Value, string.Equals(pair.Key, options.Language, StringComparison.OrdinalIgnoreCase), options))
            .OrderByDescending(edition => edition.IsDefault)];
        Default = All[0];
    }

    /// <summary>Every edition, the default first.</summary>
    public IReadOnlyList<Edition> All { get; }

    /// <summary>The editions' codes as a message lists them: "en, ru".</summary>
    public string Codes => string.Join(", ", All.Select(e => e.Code));

    public Edition Default { get; }

    /// <summary>Whether the site has more than one edition, so pages link between them.</summary>
    public bool AreSeveral => All.Count > 1;

    /// <summary>The edition with <paramref name="code"/>, or null.</summary>
    public Edition? Find(string? code) => All.FirstOrDefault(edition => string.Equals(edition.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>The edition with <paramref name="code"/>, or the default one for an unknown or empty code.</summary>
    public Edition Get(string? code) => Find(code) ?? Default;

    /// <summary>The edition on its own host name <paramref name="host"/>, or null.</summary>
    public Edition? ForHost(string host) => All.FirstOrDefault(edition => string.Equals(edition.Host, host, StringComparison.OrdinalIgnoreCase));

    /// <summary>The edition whose prefix starts <paramref name="path"/> (<c>/ru</c> or <c>/ru/…</c>), or null.</summary>
    public Edition? ForPath(PathString path) =>
        All.FirstOrDefault(edition => edition.Prefix.Length > 0 && edition.BaseUrl is null && path.StartsWithSegments(edition.Prefix, StringComparison.OrdinalIgnoreCase));

    internal static Edition Make(string code, EditionOptions options, bool isDefault, NewsroomOptions newsroom)
    {
        var culture = CultureInfo.GetCultureInfo(code, predefinedOnly: true);
        var baseUrl = string.IsNullOrWhiteSpace(options.BaseUrl) ? null : options.BaseUrl.Trim().TrimEnd('/');
        var prefix = isDefault || baseUrl is not null ? "" : string.IsNullOrWhiteSpace(options.Prefix) ? "/" + culture.Name.ToLowerInvariant() : options.Prefix.Trim().TrimEnd('/');
        var name = string.IsNullOrWhiteSpace(options.Name) ? culture.TextInfo.ToTitleCase(culture.NativeName) : options.Name.Trim();
        return new Edition(culture.Name, culture, name, prefix, baseUrl, isDefault, Blank(options.NewsroomName) ?? newsroom.Name, Blank(options.Tagline) ?? newsroom.Tagline,
            Blank(options.Currency)?.ToUpperInvariant());
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
