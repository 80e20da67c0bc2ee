using Masthead.Appeals;
using Masthead.Articles;
using Masthead.Contributions;
using Masthead.Data;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.SitePages.Site;

/// <summary>A standalone page of the request's edition, at the root of it (<c>/about</c>, <c>/ru/about</c>).</summary>
[CanonicalQuery]
[PublicCache(SitePageCacheTags.Pages, AppealPageVariant.CacheTag, Varies = true)]
public sealed class SitePageModel(MastheadDb db, TimeProvider clock, IOptions<ContributionOptions> contributions, SupporterPass pass) : PublicPage
{
    private const int DescriptionLength = 160;

    public sealed record View(string Title, string BodyHtml, DateTimeOffset UpdatedAt);

    public View Shown { get; private set; } = null!;

    /// <summary>Null unless the page asks for the appeal, and then as after an article: none when off, snoozed or a supporter's.</summary>
    public AppealsOnPage? Appeals { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var page = await db.SitePages.AsNoTracking()
            .Where(p => p.Edition == Edition.Code && p.Slug == slug && p.IsPublished)
            .Select(p => new { p.Title, p.BodyHtml, p.BodyMarkdown, p.UpdatedAt, p.ShowsAppeal })
            .SingleOrDefaultAsync(cancellationToken);
        if (page is null)
        {
            return NotFound();
        }

        Shown = new View(page.Title, page.BodyHtml, page.UpdatedAt);
        if (page.ShowsAppeal)
        {
            // A browser whose cookies say snoozed or supporter gets the copy without the visible appeal; its script may still show a thank-you.
            var now = clock.GetUtcNow();
            Appeals = AppealsOnPage.Of(await AppealView.ActiveAsync(db, Edition, contributions.Value, now, cancellationToken), AppealVisibility.IsHiddenFor(Request, now, pass));
        }

        Meta = new PageMeta(page.Title, TypedText.Cut(ArticleMarkdown.ToPlainText(page.BodyMarkdown), DescriptionLength), "/" + slug);
        return Page();
    }
}
