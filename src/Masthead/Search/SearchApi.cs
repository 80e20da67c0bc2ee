using Masthead.Articles;
using Masthead.Data;
using Masthead.Editions;
using Masthead.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Masthead.Search;

/// <summary><c>/api/articles?q=</c>: the search page's results as JSON, in the edition asked, under the same per-address limit.</summary>
public static class SearchApi
{
    /// <summary>An article found; <paramref name="Snippet"/> is HTML (encoded text, the matching words in &lt;mark&gt;).</summary>
    public sealed record SearchListItem(string Slug, string Url, string Headline, string Standfirst, string Dateline, DateTimeOffset PublishedAt, IReadOnlyList<Byline> Authors, string Snippet);

    /// <summary>
    /// <paramref name="Query"/> is the text searched (cut to its limit); <paramref name="Notes"/> say how it was read.
    /// With <paramref name="NewestFirst"/> more than <see cref="ArticleSearch.RankedMatches"/> matched, the items are
    /// newest first and <paramref name="Total"/> is one more than that, not the count.
    /// </summary>
    public sealed record SearchList(string Query, IReadOnlyList<string> Notes, IReadOnlyList<SearchListItem> Items, int Page, int PageSize, int Total, int Pages, bool NewestFirst);

    public static async Task<Results<Ok<SearchList>, ProblemHttpResult>> FindAsync(
        HttpContext context, MastheadDb db, TimeProvider clock, SearchLimits limits, string q, int page, int size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(limits);

        // In the edition's language, as the search page says it: an app may show these to its readers.
        var text = context.RequestServices.GetRequiredService<IStringLocalizer<SearchText>>();
        var web = context.RequestServices.GetRequiredService<IStringLocalizer<WebText>>();

        // Each query is its own address: kept, they could push every article out of the page cache.
        context.Response.Headers.CacheControl = "private, no-store";
        var query = SearchQuery.Read(q);
        var notes = query.Notes(text).ToList();
        if (query.Terms.Count == 0)
        {
            notes.Add(query.OnlyCommonWords ? text["OnlyCommonWords", query.Text] : text["NoWords", query.Text]);
            return TypedResults.Ok(new SearchList(query.Text, notes, [], page, size, 0, 1, NewestFirst: false));
        }

        if (limits.TrySearch(context) is { } wait)
        {
            FormLimits.Refuse(context.Response, wait);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: text["TooManySearches"],
                detail: text["SearchedTooOften", FormLimits.Describe(wait, web)]);
        }

        var found = await ArticleSearch.FindAsync(db, query, Edition.Of(context).Code, clock.GetUtcNow(), page, size, cancellationToken);
        if (page > found.Count)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: text["NoSuchPage"], detail: text["PagesOfResults", found.Count, size]);
        }

        var items = found.Items.Select(r => new SearchListItem(r.Slug, SiteUrls.Absolute(context, SiteUrls.Article(r.Slug)), r.Headline, r.Standfirst, r.Dateline,
            r.PublishedAt, r.Authors, r.SnippetHtml)).ToList();
        return TypedResults.Ok(new SearchList(query.Text, notes, items, page, size, found.Total, found.Count, found.Total > ArticleSearch.RankedMatches));
    }
}
