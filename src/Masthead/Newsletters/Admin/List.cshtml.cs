using Masthead.Audit;
using Masthead.Data;
using Masthead.Editions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Masthead.Newsletters.Admin;

/// <summary>
/// A list readers may subscribe to: its name and description as the subscribe page shows them, its edition, what
/// makes its issues, and whether it is offered. A list is switched off rather than deleted, so its readers are kept.
/// Serves /admin/newsletters/lists/new and /admin/newsletters/lists/{id}.
/// </summary>
public sealed class ListModel(MastheadDb db, SiteEditions editions, AuditLog audit, IStringLocalizer<AdminText> text) : PageModel
{
    public const int MaxPosition = 1000;

    public sealed class ListForm
    {
        public string? Edition { get; set; }

        public string? Name { get; set; }

        public string? Description { get; set; }

        public NewsletterKind Kind { get; set; }

        public int? Hour { get; set; }

        public bool IsActive { get; set; } = true;

        public int Position { get; set; }
    }

    [BindProperty]
    public ListForm Form { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public NewsletterList? Existing { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } missing)
        {
            return missing;
        }

        Form = Existing is { } list
            ? new ListForm { Edition = list.Edition, Name = list.Name, Description = list.Description, Kind = list.Kind, Hour = list.Hour, IsActive = list.IsActive, Position = list.Position }
            : new ListForm { Edition = editions.Default.Code, Hour = NewsletterList.DefaultHour };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } missing)
        {
            return missing;
        }

        var name = Form.Name?.Trim() ?? "";
        var description = Form.Description?.Trim() ?? "";
        var edition = editions.AreSeveral ? editions.Find(Form.Edition ?? "") : editions.Default;
        if (edition is null)
        {
            ModelState.AddModelError("Form.Edition", text["ChooseEdition"]);
        }

        if (name.Length == 0 || name.Length > NewsletterList.NameLength)
        {
            ModelState.AddModelError("Form.Name", text["ListNameRule", NewsletterList.NameLength]);
        }

        if (description.Length > NewsletterList.DescriptionLength)
        {
            ModelState.AddModelError("Form.Description", text["DescriptionTooLong", NewsletterList.DescriptionLength]);
        }

        // What did not bind (a kind that is no kind, "six" for an hour) gets this form's own words, not the framework's.
        var timed = Form.Kind is NewsletterKind.DailyBriefing or NewsletterKind.Weekly;
        Refuse("Form.Kind", !Enum.IsDefined(Form.Kind), text["ChooseKind"]);
        Refuse("Form.Hour", timed && Form.Hour is not (>= 0 and <= 23), text["HourRule"]);
        Refuse("Form.Position", Form.Position is < 0 or > MaxPosition, text["PositionRule", MaxPosition]);

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var list = Existing ?? db.NewsletterLists.Add(new NewsletterList { Edition = edition!.Code, Name = name }).Entity;
        list.Edition = edition!.Code;
        list.Name = name;
        list.Description = description;
        list.Kind = Form.Kind;
        list.Hour = timed ? Form.Hour : null;
        list.IsActive = Form.IsActive;
        list.Position = Form.Position;
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(User, AuditActions.NewsletterListSaved, $"newsletter-list:{list.Id}", name);
        await db.SaveChangesAsync(cancellationToken);
        Notice = text["ListSaved", name];
        return Redirect("/admin/newsletters");
    }

    private void Refuse(string field, bool wrong, string message)
    {
        if (wrong || ModelState.GetFieldValidationState(field) == ModelValidationState.Invalid)
        {
            ModelState.Remove(field);
            ModelState.AddModelError(field, message);
        }
    }

    private async Task<IActionResult?> LoadAsync(int? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return null;
        }

        Existing = await db.NewsletterLists.SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
        return Existing is null ? NotFound() : null;
    }
}
