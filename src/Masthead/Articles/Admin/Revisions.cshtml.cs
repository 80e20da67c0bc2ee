using Masthead.Data;
using Masthead.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masthead.Articles.Admin;

/// <summary>Every saved version of an article, and putting one back.</summary>
public sealed class RevisionsModel(MastheadDb db, ArticleEditing editing, TimeProvider clock, IStringLocalizer<AdminText> text) : PageModel
{
    public int Id { get; private set; }

    public string Headline { get; private set; } = "";

    public IReadOnlyList<ArticleRevision> Revisions { get; private set; } = [];

    public ArticleRevision? Selected { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int? number, CancellationToken cancellationToken)
    {
        if (await ArticleQueries.RefuseReadingAsync(db, id, User, clock.GetUtcNow(), cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var article = await db.Articles.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.Headline }).SingleOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return NotFound();
        }

        (Id, Headline) = (id, article.Headline);
        Revisions = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id).OrderByDescending(r => r.Number).ToListAsync(cancellationToken);
        Selected = number is null ? (Revisions is [var latest, ..] ? latest : null) : Revisions.FirstOrDefault(r => r.Number == number);
        return number is not null && Selected is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int? number, CancellationToken cancellationToken)
    {
        var article = await db.Articles.Include(a => a.Authors).Include(a => a.Tags).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        var revision = await db.ArticleRevisions.AsNoTracking().SingleOrDefaultAsync(r => r.ArticleId == id && r.Number == number, cancellationToken);
        if (article is null || revision is null)
        {
            return NotFound();
        }

        if (!article.IsEditableBy(User.StaffId(), User.IsEditor()))
        {
            return Forbid();
        }

        var form = ArticleForm.From(article, editing.Zone);
        (form.Headline, form.Slug, form.Standfirst, form.Body, form.Dateline) =
            (revision.Headline, revision.Slug, revision.Standfirst, revision.BodyMarkdown, revision.Dateline);
        await editing.ValidateAsync(form, id, ModelState, cancellationToken);
        if (!ModelState.IsValid)
        {
            // The only thing that can clash is the address, taken since by another article.
            form.Slug = null;
            ModelState.Clear();
        }

        var restored = await editing.SaveAsync(article, form, User, $"{User.Identity?.Name} (restored revision {revision.Number})", ModelState, cancellationToken);
        TempData["Notice"] = restored ? text["Restored", revision.Number].Value : text["NotRestored", revision.Number].Value;
        return Redirect($"/admin/articles/{id}/edit");
    }
}
