using Masthead.Data;
using Masthead.Newsroom;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masthead.Articles;

/// <summary>A public page that lists articles a page at a time: the front page, a tag, an author.</summary>
[CanonicalQuery("page")]
[PublicCache(ArticleCacheTags.Lists)]
public abstract class ArticleListPage(TimeProvider clock, IOptions<NewsroomOptions> newsroom) : PublicPage
{
    public Page<ArticleSummary> Articles { get; private set; } = new([], 1, 1, 0);

    protected NewsroomOptions Newsroom => newsroom.Value;

    /// <summary>Loads the requested page of <paramref name="source"/> in this page's edition; bad page numbers get a 400 that says why, pages past the end a 404.</summary>
    protected async Task<IActionResult> ListAsync(MastheadDb db, IQueryable<Article> source, string? page, CancellationToken cancellationToken)
    {
        if (PageNumber.Parse(page) is not { } number)
        {
            HttpContext.Features.Set(new ReaderProblem(HttpContext.RequestServices.GetRequiredService<IStringLocalizer<WebText>>()[nameof(PageNumber)]));
            return BadRequest();
        }

        Articles = await ArticleQueries.SummariesAsync(db, source.InEdition(Edition), clock.GetUtcNow(), number, Newsroom.PageSize, cancellationToken);
        if (number > Articles.Count)
        {
            return NotFound();
        }

        return Page();
    }
}
