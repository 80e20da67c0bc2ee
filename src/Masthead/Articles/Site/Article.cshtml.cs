using System.Text.Json;
using Masthead.Appeals;
using Masthead.Contributions;
using Masthead.Data;
using Masthead.Editions;
using Masthead.Newsroom;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Masthead.Articles.Site;

[CanonicalQuery]
[PublicCache(AppealPageVariant.CacheTag, Varies = true)]
public sealed class ArticleModel(
    MastheadDb db, TimeProvider clock, IOptions<ContributionOptions> contributions, SupporterPass pass,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, SiteEditions editions, PublicAddress address) : PublicPage
{
    public ArticleView Article { get; private set; } = null!;

    /// <summary>Null after a sensitive article or when the edition has no appeal switched on.</summary>
    public AppealsOnPage? Appeals { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var (view, gone) = await ArticleQueries.FindForReaderAsync(db, slug, clock.GetUtcNow(), cancellationToken);
        if (view is null)
        {
            return gone ? StatusCode(StatusCodes.Status410Gone) : NotFound();
        }

        // One address per article: in its own edition (an article of an edition no longer configured stays where it is asked for).
        var path = SiteUrls.Article(view.Slug);
        if (editions.Find(view.Edition) is { } own && own != Edition)
        {
            return RedirectPermanent(address.ForEdition(HttpContext, own, path));
        }

        Article = view;
        Translations = [.. (await ArticleQueries.TranslationsAsync(db, view, clock.GetUtcNow(), cancellationToken))
            .Select(t => editions.Find(t.Edition) is { } edition ? new EditionLink(edition, address.ForEdition(HttpContext, edition, SiteUrls.Article(t.Slug))) : null)
            .OfType<EditionLink>()];
        PageCache.Tag(HttpContext, ArticleCacheTags.Article(view.Id));
        if (!view.IsSensitive)
        {
            // A browser whose cookies say snoozed or supporter gets the copy without the visible appeal; its script may still show a thank-you.
            var now = clock.GetUtcNow();
            Appeals = AppealsOnPage.Of(await AppealView.ActiveAsync(db, Edition, contributions.Value, now, cancellationToken), AppealVisibility.IsHiddenFor(Request, now, pass));
        }

        var image = view.CoverImage is null ? null : "/media/" + view.CoverImage;
        Meta = new PageMeta(view.Headline, view.Standfirst, path, "article", image, NewsArticleJsonLd(view, SiteUrls.Absolute(HttpContext, path), image));
        return Page();
    }

    /// <summary>schema.org NewsArticle, so search engines show the headline, date and byline correctly.</summary>
    private string NewsArticleJsonLd(ArticleView view, string url, string? image) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["@context"] = "https://schema.org",
        ["@type"] = "NewsArticle",
        ["mainEntityOfPage"] = url,
        ["headline"] = view.Headline,
        ["description"] = view.Standfirst,
        ["datePublished"] = view.PublishedAt is { } published ? Dates.Iso(published) : null,
        ["dateModified"] = Dates.Iso(view.UpdatedAt),
        ["dateline"] = view.Dateline,
        ["image"] = image is null ? null : SiteUrls.Absolute(HttpContext, image),
        ["author"] = view.Authors.Select(a => new Dictionary<string, string>
        {
            ["@type"] = "Person",
            ["name"] = a.Name,
            ["url"] = SiteUrls.Absolute(HttpContext, SiteUrls.Author(a.Slug)),
        }),
        ["publisher"] = new Dictionary<string, string> { ["@type"] = "Organization", ["name"] = Edition.NewsroomName },
        ["inLanguage"] = view.Edition,
        ["keywords"] = view.Tags.Select(t => t.Name),
    }, json.Value.SerializerOptions); // the site's JSON: every script as text, "<", ">", "&" and quotes escaped
}
