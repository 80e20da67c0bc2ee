using System.Globalization;
using Masthead.Data;
using Masthead.Editions;
using Masthead.Search;
using Masthead.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Articles;

/// <summary>The read-only JSON content API, for apps, mirrors and partners.</summary>
public static class ContentApi
{
    public const int MaxPageSize = 100;

    public sealed record ArticleListItem(string Slug, string Url, string Headline, string Standfirst, string Dateline, DateTimeOffset PublishedAt, IReadOnlyList<Byline> Authors);

    public sealed record ArticleList(IReadOnlyList<ArticleListItem> Items, int Page, int PageSize, int Total, int Pages);

    public sealed record ArticleDetail(
        string Slug, string Url, string Headline, string Standfirst, string Dateline, DateTimeOffset? PublishedAt, DateTimeOffset UpdatedAt,
        IReadOnlyList<Byline> Authors, IReadOnlyList<TagLink> Tags, string? CoverImageUrl, string CoverAlt, string BodyHtml);

    public static void MapContentApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/articles").AddEndpointFilter(QueryParameters.Only("page", "pageSize", "q"));
        api.MapGet("/", ListAsync).WithMetadata(new PublicCacheAttribute(ArticleCacheTags.Lists));
        api.MapGet("/{slug}", ShowAsync).WithMetadata(new PublicCacheAttribute());
    }

    private static async Task<Results<Ok<ArticleList>, Ok<SearchApi.SearchList>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext context, MastheadDb db, TimeProvider clock, SearchLimits limits, string? page, string? pageSize, string? q, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var number = ReadPositive(page, 1, "page", int.MaxValue, errors);
        var size = ReadPositive(pageSize, 20, "pageSize", MaxPageSize, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The query has values that cannot be used.");
        }

        if (q is not null)
        {
            var found = (await SearchApi.FindAsync(context, db, clock, limits, q, number, size, cancellationToken)).Result;
            return found is Ok<SearchApi.SearchList> results ? results : (ProblemHttpResult)found;
        }

        var result = await ArticleQueries.SummariesAsync(db, db.Articles.AsNoTracking().InEdition(Edition.Of(context)), clock.GetUtcNow(), number, size, cancellationToken);
        if (number > result.Count)
        {
            return TypedResults.Problem(statusCode: 404, title: "No such page", detail: $"There are {result.Count} pages of {size} articles.");
        }

        var items = result.Items.Select(a => new ArticleListItem(a.Slug, SiteUrls.Absolute(context, SiteUrls.Article(a.Slug)), a.Headline, a.Standfirst, a.Dateline, a.PublishedAt, a.Authors)).ToList();
        return TypedResults.Ok(new ArticleList(items, number, size, result.Total, result.Count));
    }

    private static async Task<Results<Ok<ArticleDetail>, ProblemHttpResult>> ShowAsync(
        HttpContext context, MastheadDb db, TimeProvider clock, string slug, CancellationToken cancellationToken)
    {
        var (view, gone) = await ArticleQueries.FindForReaderAsync(db, slug, clock.GetUtcNow(), cancellationToken);
        if (view is null)
        {
            return gone
                ? TypedResults.Problem(statusCode: 410, title: "Article withdrawn", detail: "The newsroom has unpublished this article.")
                : TypedResults.Problem(statusCode: 404, title: "No such article", detail: $"No published article has the address \"{slug}\".");
        }

        PageCache.Tag(context, ArticleCacheTags.Article(view.Id));
        return TypedResults.Ok(new ArticleDetail(view.Slug, SiteUrls.Absolute(context, SiteUrls.Article(view.Slug)), view.Headline, view.Standfirst, view.Dateline,
            view.PublishedAt, view.UpdatedAt, view.Authors, view.Tags,
            view.CoverImage is null ? null : SiteUrls.Absolute(context, "/media/" + view.CoverImage), view.CoverAlt, view.BodyHtml));
    }

    private static int ReadPositive(string? text, int fallback, string name, int max, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1 || value > max)
        {
            errors[name] = [$"{name} must be a whole number from 1 to {max}."];
        }

        return value;
    }
}
