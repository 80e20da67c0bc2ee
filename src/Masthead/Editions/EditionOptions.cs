namespace Masthead.Editions;

/// <summary>
/// One edition of the site, bound from <c>Masthead:Newsroom:Editions:{code}</c>; the code is the edition's BCP 47
/// language (<c>ru</c>, <c>ar</c>, <c>pt-BR</c>), which its pages are printed in.
/// </summary>
public sealed class EditionOptions
{
    /// <summary>The edition's name in its own language, as the reader picks it: "Русский".</summary>
    public string? Name { get; set; }

    /// <summary>Where the edition's pages live under the site's address, e.g. <c>/ru</c>; empty for the default edition. Ignored with <see cref="BaseUrl"/>.</summary>
    public string? Prefix { get; set; }

    /// <summary>The edition's own public address, e.g. https://ru.news.example.org: its pages, links and emails are on it.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The newsroom's name in this edition ("Меридиан"); the newsroom's name when empty.</summary>
    public string? NewsroomName { get; set; }

    public string? Tagline { get; set; }

    /// <summary>The currency the edition's appeal and contribution page start with; Masthead:Contributions:DefaultCurrency when empty.</summary>
    public string? Currency { get; set; }
}
