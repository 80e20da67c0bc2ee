using System.ComponentModel.DataAnnotations;
using Masthead.Editions;

namespace Masthead.Newsroom;

/// <summary>Who the newsroom is. Bound from <c>Masthead:Newsroom</c>.</summary>
public sealed class NewsroomOptions : IValidatableObject
{
    [Required, StringLength(100)]
    public string Name { get; set; } = "The Meridian";

    [StringLength(300)]
    public string Tagline { get; set; } = "Independent reporting, paid for by our readers";

    /// <summary>
    /// The site's public address, e.g. https://news.example.org: every absolute URL Masthead writes (emails, canonical
    /// links, feeds, the sitemap) is on it, and outside Development it is required and only its host name (and the
    /// aliases') is answered. Empty, in Development only: pages use the request's address, emails where the server listens.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>
    /// Other public addresses of the same site (a mirror's host name, an onion address), e.g. http://abcd….onion: their
    /// host names are answered too. Links are still written on <see cref="BaseUrl"/>.
    /// </summary>
    public string[] Aliases { get; set; } = [];

    /// <summary>The BCP 47 language of the default edition, at the site's root.</summary>
    [Required]
    public string Language { get; set; } = "en";

    /// <summary>
    /// The site's other editions by language (<c>Masthead:Newsroom:Editions:ru:Prefix=/ru</c>): see
    /// <see cref="SiteEditions"/>. Empty: the default edition, and for the demo newsroom a Russian one at /ru.
    /// </summary>
    public Dictionary<string, EditionOptions> Editions { get; set; } = [];

    /// <summary>The newsroom's time zone (IANA id, e.g. Europe/Riga): editors schedule in it and readers see times in it.</summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    public TimeZoneInfo Zone => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>Articles per page on the front, tag and author pages.</summary>
    [Range(1, 100)]
    public int PageSize { get; set; } = 10;

    /// <summary>
    /// Where readers and researchers report a security problem, published at /.well-known/security.txt (RFC 9116):
    /// a mailto: or https: address. Empty: no security.txt.
    /// </summary>
    [RegularExpression(@"^(mailto:[^\s@]+@[^\s@]+|https://\S+)$", ErrorMessage = "Masthead:Newsroom:SecurityContact must be a mailto: or https: address.")]
    public string? SecurityContact { get; set; }

    /// <summary>Fill an empty database with the demo newsroom's articles and authors.</summary>
    public bool SeedDemo { get; set; } = true;

    /// <summary>
    /// For newsrooms whose law wants a reader's consent before a browser keeps or sends anything the page does not
    /// strictly need (the EU's ePrivacy rules, for one): the reading counts and topics, a test's drawn version and the
    /// appeals' events then wait until the reader allows them, from the appeal or from <c>/privacy/this-browser</c>;
    /// until then the reader sees the appeal a fresh browser gets. Off by default: none of it leaves the browser but
    /// the anonymous hourly counts.
    /// </summary>
    public bool CountOnlyWithConsent { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Without this check a misspelt zone would silently become UTC and every scheduled time would be off.
        if (!string.IsNullOrWhiteSpace(TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new($"Masthead:Newsroom:TimeZone \"{TimeZone}\" is not a time zone this machine knows: use an IANA id such as Europe/Riga or America/New_York.");
        }
    }
}
