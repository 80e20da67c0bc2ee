using Masthead.Data;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Articles.Admin;

/// <summary>The article exactly as readers will see it, whatever its status.</summary>
public sealed class PreviewModel(MastheadDb db, TimeProvider clock) : PublicPage
{
    public ArticleView Article { get; private set; } = null!;

    public bool IsLive { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await ArticleQueries.RefuseReadingAsync(db, id, User, clock.GetUtcNow(), cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var article = (await ArticleQueries.ViewsAsync(db, db.Articles.AsNoTracking().Where(a => a.Id == id), cancellationToken)).SingleOrDefault();
        if (article is null)
        {
            return NotFound();
        }

        Article = article;
        IsLive = await db.Articles.Where(a => a.Id == id).AnyAsync(ArticleQueries.VisibleAt(clock.GetUtcNow()), cancellationToken);
        return Page();
    }
}
