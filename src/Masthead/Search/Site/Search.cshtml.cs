using Masthead.Articles;
using Masthead.Data;
using Masthead.Editions;
using Masthead.Newsroom;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masthead.Search.Site;

/// <summary>
/// <c>/search?q=</c> in each edition, for readers without JavaScript too. Not kept by the page cache: every query is an address of its
/// own, so kept pages could be made to push the articles out; the per-address limit guards the database instead.
/// </summary>
[CanonicalQuery("q", "page")]
public sealed class SearchModel(
    MastheadDb db, TimeProvider clock, SearchLimits limits, IOptions<NewsroomOptions> newsroom, IStringLocalizer<SearchText> text, IStringLocalizer<WebText> web) : PublicPage
{
    public SearchQuery Query { get; private set; } = SearchQuery.Read(null);

    public Page<SearchResult> Results { get; private set; } = new([], 1, 1, 0);

    /// <summary>Why this search was not run (the per-address limit), in words for the reader.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "q")] string? q, [FromQuery(Name = "page")] string? pageNumber, CancellationToken cancellationToken)
    {
        Query = SearchQuery.Read(q);
        var edition = Edition.Of(HttpContext);
        Meta = new PageMeta(text["Title"], text["Description", edition.NewsroomName], "/search");
        if (PageNumber.Parse(pageNumber) is not { } number)
        {
            HttpContext.Features.Set(new ReaderProblem(PageNumber.Problem));
            return BadRequest();
        }

        // Nothing to look up costs nothing, so it is not counted against the reader.
        if (Query.Terms.Count == 0)
        {
            return Page();
        }

        if (limits.TrySearch(HttpContext) is { } wait)
        {
            Refusal = text["SearchedTooOften", FormLimits.Describe(wait, web)];
            FormLimits.Refuse(Response, wait);
            return Page();
        }

        Results = await ArticleSearch.FindAsync(db, Query, edition.Code, clock.GetUtcNow(), number, newsroom.Value.PageSize, cancellationToken);
        return number > Results.Count ? NotFound() : Page();
    }

    /// <summary>The links to the other pages of these results, which are in order of relevance, not of time.</summary>
    public Pager Pager => new(Results.Number, Results.Count,
        number => $"/search?q={Uri.EscapeDataString(Query.Text)}" + (number > 1 ? $"&page={number}" : ""), Previous: text["Previous"], Next: text["Next"]);
}
