using Masthead.Articles;
using Masthead.Data;
using Masthead.Staff;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masthead.SitePages.Admin;

/// <summary>
/// Writing a standalone page, with a preview rendered by the server as readers will see the body. Serves both
/// /admin/pages/new and /admin/pages/{id}/edit; a refused form comes back exactly as typed.
/// </summary>
public sealed class EditModel(MastheadDb db, SitePageEditing editing, FormLimits limits, IStringLocalizer<AdminText> text, IStringLocalizer<WebText> web) : PageModel
{
    public const string SaveIntent = "Save";
    public const string PreviewIntent = "Preview";

    [BindProperty]
    public SitePageForm Form { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public SitePage? Existing { get; private set; }

    /// <summary>The body as readers would see it, after the Preview button; null otherwise or when it cannot be rendered.</summary>
    public string? PreviewHtml { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } missing)
        {
            return missing;
        }

        Form = Existing is null ? new SitePageForm() : SitePageForm.From(Existing);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, string? intent, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } missing)
        {
            return missing;
        }

        // The buttons' names; anything else is refused rather than read as a save.
        if (intent is not (null or SaveIntent or PreviewIntent))
        {
            ModelState.AddModelError("", text["IntentNotValid", intent]);
            return Rejected();
        }

        if (intent == PreviewIntent)
        {
            PreviewHtml = ArticleMarkdown.TryToHtml(Form.Body ?? "");
            if (PreviewHtml is null)
            {
                ModelState.AddModelError($"{nameof(Form)}.{nameof(SitePageForm.Body)}", text["TooComplex"]);
            }

            return Page();
        }

        if (limits.RefusesSave(User.StaffId(), ModelState, Response, web))
        {
            return Page();
        }

        await editing.ValidateAsync(Form, Existing?.Id, ModelState, cancellationToken);
        if (!ModelState.IsValid || await editing.SaveAsync(Existing, Form, User, ModelState, cancellationToken) is not { } saved)
        {
            return Rejected();
        }

        Notice = text["Saved"];
        return Redirect($"/admin/pages/{saved.Id}/edit");
    }

    private PageResult Rejected()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return null;
        }

        Existing = await db.SitePages.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return Existing is null ? NotFound() : null;
    }
}
