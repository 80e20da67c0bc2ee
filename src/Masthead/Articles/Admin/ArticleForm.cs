using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Masthead.Web;

namespace Masthead.Articles.Admin;

/// <summary>What an editor types into the article form. Dates stay text so a malformed one can be shown back with a message.</summary>
public sealed class ArticleForm
{
    [Required(ErrorMessage = "Write a headline.")]
    [StringLength(ArticleLimits.Headline, ErrorMessage = "Keep the headline under {1} characters.")]
    public string Headline { get; set; } = "";

    [StringLength(ArticleLimits.Slug, ErrorMessage = "Keep the web address under {1} characters.")]
    [Display(Name = "Web address (slug)")]
    public string? Slug { get; set; }

    [StringLength(ArticleLimits.Standfirst, ErrorMessage = "Keep the standfirst under {1} characters.")]
    public string? Standfirst { get; set; }

    [StringLength(ArticleLimits.Body, ErrorMessage = "The body is longer than {1} characters; split it into several articles.")]
    public string? Body { get; set; }

    [StringLength(ArticleLimits.Dateline, ErrorMessage = "Keep the dateline under {1} characters.")]
    public string? Dateline { get; set; }

    [Display(Name = "Authors")]
    public List<int> AuthorIds { get; set; } = [];

    /// <summary>Comma-separated tag names.</summary>
    [StringLength(1000, ErrorMessage = "Too many tags.")]
    public string? Tags { get; set; }

    /// <summary>Local newsroom time, as a datetime-local input sends it (yyyy-MM-ddTHH:mm).</summary>
    [Display(Name = "Publish at")]
    public string? PublishAt { get; set; }

    [Display(Name = "Cover image")]
    public IFormFile? Cover { get; set; }

    [StringLength(ArticleLimits.CoverAlt, ErrorMessage = "Keep the image description under {1} characters.")]
    [Display(Name = "Cover image description")]
    public string? CoverAlt { get; set; }

    public bool RemoveCover { get; set; }

    /// <summary>No appeal after this article (a tragedy, an obituary).</summary>
    [Display(Name = "Sensitive")]
    public bool IsSensitive { get; set; }

    /// <summary>The code of the edition the article belongs to; the default edition when empty.</summary>
    public string? Edition { get; set; }

    /// <summary>The address (slug) of the article in another edition that this one translates, linking the two; empty for none.</summary>
    [StringLength(ArticleLimits.Slug, ErrorMessage = "That is longer than any article's address.")]
    [Display(Name = "Translation of")]
    public string? TranslationOf { get; set; }

    /// <summary>The article's <see cref="Article.Version"/> when the editor opened it, to catch someone else's save in between.</summary>
    public int Version { get; set; }

    public IReadOnlyList<string> TagNames() =>
        (Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public static ArticleForm From(Article article, TimeZoneInfo zone) => new()
    {
        Headline = article.Headline,
        Slug = article.Slug,
        Standfirst = article.Standfirst,
        Body = article.BodyMarkdown,
        Dateline = article.Dateline,
        AuthorIds = article.Authors.Select(a => a.Id).ToList(),
        Tags = string.Join(", ", article.Tags.Select(t => t.Name)),
        PublishAt = article.PublishAt is { } at ? LocalTimes.Write(at, zone) : null,
        CoverAlt = article.CoverAlt,
        IsSensitive = article.IsSensitive,
        Edition = article.Edition,
        Version = article.Version,
    };

    /// <summary>Reads <see cref="PublishAt"/> as newsroom-local time; false when it is there but not a date and time.</summary>
    public bool TryReadPublishAt(TimeZoneInfo zone, out DateTimeOffset? at)
    {
        at = null;
        if (string.IsNullOrWhiteSpace(PublishAt))
        {
            return true;
        }

        at = LocalTimes.Read(PublishAt, zone);
        return at is not null;
    }
}
