using Masthead.Contributions;
using Masthead.Data;
using Masthead.Editions;
using Masthead.Staff;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masthead.Appeals.Admin;

/// <summary>
/// Writing an appeal beside a preview of it as readers will see it, and choosing the one readers see. Serves both
/// /admin/appeals/new and /admin/appeals/{id}/edit; a rejected form comes back exactly as typed.
/// </summary>
public sealed class EditModel(
    MastheadDb db, AppealEditing editing, SiteEditions editions, IOptions<ContributionOptions> contributions, IOptions<Newsroom.NewsroomOptions> newsroom, FormLimits limits,
    IStringLocalizer<AdminText> text, IStringLocalizer<WebText> web) : PageModel
{
    public enum Intent
    {
        Save,
        Activate,
        Preview,
        SwitchOff,
    }

    [BindProperty]
    public AppealInput Input { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public Appeal? Existing { get; private set; }

    /// <summary>The appeal as readers would see it with what the form holds now.</summary>
    public AppealView Preview { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } missing)
        {
            return missing;
        }

        Input = Existing is null ? new AppealInput() : AppealInput.From(Existing, newsroom.Value.Zone);
        Preview = Draft();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, string? intent, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } missing)
        {
            return missing;
        }

        var action = AppealInput.Named<Intent>(intent ?? nameof(Intent.Save));
        if (action is null)
        {
            ModelState.AddModelError("", text["IntentNotValid", intent ?? ""]);
        }

        if (action is not (null or Intent.Preview) && limits.RefusesSave(User.StaffId(), ModelState, Response, web))
        {
            Preview = Draft();
            return Page();
        }

        Input.Validate(ModelState, nameof(Input), editions, contributions.Value, text);
        Preview = Draft();
        if (!ModelState.IsValid)
        {
            return Rejected();
        }

        if (action == Intent.Preview)
        {
            return Page();
        }

        if (action == Intent.SwitchOff && Existing is not null)
        {
            await editing.SwitchOffAsync(User, cancellationToken, Existing.Id);
            Notice = text["SwitchedOff"];
            return Redirect($"/admin/appeals/{Existing.Id}/edit");
        }

        var activate = action == Intent.Activate;
        if (await editing.SaveAsync(Existing, Input, activate, User, ModelState, nameof(Input), cancellationToken) is not { } saved)
        {
            return Rejected();
        }

        Notice = activate ? text["SavedAndActive"] : text["Saved"];
        return Redirect($"/admin/appeals/{saved.Id}/edit");
    }

    /// <summary>Only the rendered appeal, for /admin.js to show beside the form as the editor types. Nothing is saved.</summary>
    public IActionResult OnPostPreview()
    {
        if (Input.Body?.Length > Appeal.MaxBody)
        {
            return BadRequest(text["PreviewTooLong", Appeal.MaxBody].Value);
        }

        return Partial("/Appeals/_Appeal.cshtml", Draft());
    }

    private PageResult Rejected()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private AppealView Draft()
    {
        var draft = new Appeal { Name = "" };
        Input.ApplyTo(draft, editions, newsroom.Value.Zone);
        return AppealView.Of(draft, editions.Get(draft.Edition), contributions.Value);
    }

    private async Task<IActionResult?> LoadAsync(int? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return null;
        }

        Existing = await db.Appeals.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return Existing is null ? NotFound() : null;
    }
}
