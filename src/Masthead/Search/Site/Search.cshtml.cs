using Masthead.Articles;
using Masthead.Data;
using Masthead.Newsroom;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Masthead.Search.Site;

/// <summary>
/// <c>/search?q=</c>, for readers without JavaScript too. Not kept by the page cache: every query is an address of its
/// own, so kept pages could be made to push the articles out; the per-address limit guards the database instead.
/// </summary>
[CanonicalQuery("q", "page")]
public sealed class SearchModel(MastheadDb db, TimeProvider clock, SearchLimits limits, IOptions<NewsroomOptions> newsroom) : PublicPage
{
    public SearchQuery Query { get; private set; } = SearchQuery.Read(null);

    public Page<SearchResult> Results { get; private set; } = new([], 1, 1, 0);

    /// <summary>Why this search was not run (the per-address limit), in words for the reader.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "q")] string? q, [FromQuery(Name = "page")] string? pageNumber, CancellationToken cancellationToken)
    {
        Query = SearchQuery.Read(q);
        Meta = new PageMeta("Search", $"Search the articles of {newsroom.Value.Name}.", "/search");
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
            Refusal = $"You have searched very often in the last minutes. Please wait {FormLimits.Describe(wait)} and search again.";
            FormLimits.Refuse(Response, wait);
            return Page();
        }

        Results = await ArticleSearch.FindAsync(db, Query, clock.GetUtcNow(), number, newsroom.Value.PageSize, cancellationToken);
        return number > Results.Count ? NotFound() : Page();
    }

    /// <summary>The links to the other pages of these results, which are in order of relevance, not of time.</summary>
    public Pager Pager => new(Results.Number, Results.Count,
        number => $"/search?q={Uri.EscapeDataString(Query.Text)}" + (number > 1 ? $"&page={number}" : ""), Previous: "← Previous", Next: "Next →");
}
