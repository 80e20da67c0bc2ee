using System.ComponentModel.DataAnnotations;
using Masthead.Articles;

namespace Masthead.SitePages.Admin;

/// <summary>What an editor types into the page form; a refused form comes back with all of it.</summary>
public sealed class SitePageForm
{
    /// <summary>The largest order a page may take in the navigation or the footer.</summary>
    public const int MaxOrder = 999;

    [Required(ErrorMessage = "Write a title.")]
    [StringLength(ArticleLimits.Headline, ErrorMessage = "Keep the title under {1} characters.")]
    public string Title { get; set; } = "";

    [StringLength(ArticleLimits.Slug, ErrorMessage = "Keep the web address under {1} characters.")]
    [Display(Name = "Web address (slug)")]
    public string? Slug { get; set; }

    /// <summary>The code of the edition the page belongs to; the default edition when empty.</summary>
    public string? Edition { get; set; }

    [StringLength(ArticleLimits.Body, ErrorMessage = "The text is longer than {1} characters; split it into several pages.")]
    public string? Body { get; set; }

    public bool IsPublished { get; set; }

    [Range(0, MaxOrder, ErrorMessage = "Give a place from {1} to {2}, or leave it empty.")]
    [Display(Name = "Place in the navigation")]
    public int? NavigationOrder { get; set; }

    [Range(0, MaxOrder, ErrorMessage = "Give a place from {1} to {2}, or leave it empty.")]
    [Display(Name = "Place in the footer")]
    public int? FooterOrder { get; set; }

    public bool ShowsAppeal { get; set; }

    /// <summary>The page's <see cref="SitePage.Version"/> when the editor opened it, to catch someone else's save in between.</summary>
    public int Version { get; set; }

    /// <summary>The slug the page will take: the one typed, or one made from the title.</summary>
    public string ChosenSlug() => string.IsNullOrWhiteSpace(Slug) ? Slugs.From(Title ?? "") : Slug.Trim();

    public static SitePageForm From(SitePage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new()
        {
            Title = page.Title,
            Slug = page.Slug,
            Edition = page.Edition,
            Body = page.BodyMarkdown,
            IsPublished = page.IsPublished,
            NavigationOrder = page.NavigationOrder,
            FooterOrder = page.FooterOrder,
            ShowsAppeal = page.ShowsAppeal,
            Version = page.Version,
        };
    }
}
