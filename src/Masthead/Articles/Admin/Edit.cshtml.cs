using Masthead.Data;
using Masthead.Staff;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masthead.Articles.Admin;

/// <summary>Writing and editing an article: save, publish, schedule or unpublish. A rejected form comes back exactly as typed.</summary>
[RequestSizeLimit(Web.WebSetup.MaxRequestBytes)]
public sealed class EditModel(MastheadDb db, ArticleEditing editing, FormLimits limits, TimeProvider clock, IStringLocalizer<AdminText> text, IStringLocalizer<WebText> web) : PageModel
{
    public enum Intent
    {
        Save,
        Publish,
        Schedule,
        Unpublish,
    }

    public sealed record AuthorChoice(int Id, string Name);

    [BindProperty]
    public ArticleForm Form { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public int? Id { get; private set; }

    public Article? Existing { get; private set; }

    public IReadOnlyList<AuthorChoice> AuthorChoices { get; private set; } = [];

    public bool IsEditor => User.IsEditor();

    public ArticleStatus EffectiveStatus => Existing?.EffectiveStatusAt(clock.GetUtcNow()) ?? ArticleStatus.Draft;

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (Existing is null)
        {
            var ownByline = await db.Staff.Where(s => s.Id == User.StaffId()).Select(s => s.AuthorId).SingleOrDefaultAsync(cancellationToken);
            Form = new ArticleForm { AuthorIds = ownByline is { } author ? [author] : [] };
        }
        else
        {
            Form = ArticleForm.From(Existing, editing.Zone);
            Form.TranslationOf = await editing.TranslationOfAsync(Existing, cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, string? intent, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (!Enum.TryParse<Intent>(intent ?? nameof(Intent.Save), ignoreCase: false, out var action) || !Enum.IsDefined(action))
        {
            ModelState.AddModelError("", text["IntentNotValid", intent ?? ""]);
            return Rejected();
        }

        if (action != Intent.Save && !IsEditor)
        {
            return Forbid();
        }

        if (limits.RefusesSave(User.StaffId(), ModelState, Response, web))
        {
            return Page();
        }

        await editing.ValidateAsync(Form, Existing?.Id, ModelState, cancellationToken);
        var now = clock.GetUtcNow();
        Form.TryReadPublishAt(editing.Zone, out var publishAt);
        if (action == Intent.Schedule && ModelState.IsValid && (publishAt is null || publishAt <= now))
        {
            ModelState.AddModelError("Form.PublishAt", publishAt is null ? text["ChooseWhenToPublish"] : text["TimeHasPassed"]);
        }

        if (!ModelState.IsValid)
        {
            return Rejected();
        }

        var article = Existing ?? new Article { Slug = "", Headline = "", Status = ArticleStatus.Draft, CreatedById = User.StaffId() };
        var saved = await editing.SaveAsync(article, Form, User, User.Identity?.Name ?? "?", ModelState, cancellationToken, changeStatus: action switch
        {
            Intent.Publish => a => a.Publish(now),
            Intent.Schedule => a => a.Schedule(publishAt!.Value),
            Intent.Unpublish => a => a.Unpublish(),
            _ => null,
        });
        if (!saved)
        {
            return Rejected();
        }

        Notice = action switch
        {
            Intent.Publish => text["Published"],
            Intent.Schedule => text["Scheduled"],
            Intent.Unpublish => text["Unpublished"],
            _ => text["Saved"],
        };
        return Redirect($"/admin/articles/{article.Id}/edit");
    }

    private PageResult Rejected()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>Loads the article and the author list; answers 404 or 403 when this person may not edit it.</summary>
    private async Task<IActionResult?> LoadAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        AuthorChoices = await db.Authors.OrderBy(a => a.Name).Select(a => new AuthorChoice(a.Id, a.Name)).ToListAsync(cancellationToken);
        if (id is null)
        {
            return null;
        }

        Existing = await db.Articles.Include(a => a.Authors).Include(a => a.Tags).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (Existing is null)
        {
            return NotFound();
        }

        return Existing.IsEditableBy(User.StaffId(), IsEditor) ? null : Forbid();
    }
}
