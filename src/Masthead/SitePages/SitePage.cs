using Masthead.Data;

namespace Masthead.SitePages;

/// <summary>
/// A standalone page (About, Privacy policy, Tips): written like an article, at its own address at the root of its
/// edition (<c>/about</c>, <c>/ru/about</c>), in the navigation or the footer where the editor places it, and never in
/// feeds, lists or search.
/// </summary>
public sealed class SitePage : IVersioned
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }

    /// <summary>The code of the edition the page belongs to; a slug is unique within its edition.</summary>
    public string Edition { get; set; } = "";

    public string BodyMarkdown { get; set; } = "";
    public string BodyHtml { get; set; } = "";
    public bool IsPublished { get; set; }

    /// <summary>The page's place in the header's navigation, smallest first; null keeps it out.</summary>
    public int? NavigationOrder { get; set; }

    /// <summary>The page's place in the footer, smallest first; null keeps it out.</summary>
    public int? FooterOrder { get; set; }

    /// <summary>Pages ask for nothing unless the editor says so (a "Why we need you" page may).</summary>
    public bool ShowsAppeal { get; set; }

    /// <summary>Where an imported page came from (<c>wordpress:42</c>), so importing again updates it; null for pages written here.</summary>
    public string? ImportKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}
