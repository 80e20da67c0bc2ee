using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Masthead.Articles;
using Masthead.Audit;
using Masthead.Contributions;
using Masthead.Data;
using Masthead.Newsroom;
using Masthead.Staff;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Appeals.Admin;

/// <summary>
/// Writing an appeal beside a preview of it as readers will see it, and choosing the one readers see. Serves both
/// /admin/appeals/new and /admin/appeals/{id}/edit; a rejected form comes back exactly as typed.
/// </summary>
public sealed class EditModel(
    MastheadDb db, TimeProvider clock, IOptions<NewsroomOptions> newsroom, IOptions<ContributionOptions> contributions, PageCache cache, AuditLog audit, FormLimits limits) : PageModel
{
    public const int MinSnoozeDays = 1;
    public const int MaxSnoozeDays = 90;
    public const int NameLength = 100;
    public const int LabelLength = 60;

    public enum Intent
    {
        Save,
        Activate,
        Preview,
    }

    public sealed class AppealInput
    {
        [Required(ErrorMessage = "Name the appeal for editors, e.g. “Year-end 2026”.")]
        [StringLength(NameLength, ErrorMessage = "Keep the name under {1} characters.")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Write what the newsroom wants to tell its readers.")]
        [StringLength(Appeal.MaxBody, ErrorMessage = "Keep the message under {1} characters: readers stop reading long before that.")]
        public string? Body { get; set; }

        [Required(ErrorMessage = "The Continue button needs a label.")]
        [StringLength(LabelLength, ErrorMessage = "Keep the button's label under {1} characters.")]
        public string? ContinueLabel { get; set; } = "Continue";

        [StringLength(LabelLength, ErrorMessage = "Keep this line under {1} characters.")]
        public string? NotTodayLine { get; set; } = "Not today?";

        [Required(ErrorMessage = "The Remind me later button needs a label.")]
        [StringLength(LabelLength, ErrorMessage = "Keep the button's label under {1} characters.")]
        public string? SnoozeLabel { get; set; } = "Remind me later";

        /// <summary>Text, so that "abc" or "1000" comes back in the field beside its message.</summary>
        public string? SnoozeDays { get; set; } = "7";

        /// <summary>When the appeal was last saved as this form loaded it (UTC ticks), to catch another editor's save in between.</summary>
        public long BaseSavedAt { get; set; }

        public int? Days() => int.TryParse(SnoozeDays?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days) ? days : null;

        public static AppealInput From(Appeal appeal) => new()
        {
            Name = appeal.Name, Body = appeal.BodyMarkdown, ContinueLabel = appeal.ContinueLabel, NotTodayLine = appeal.NotTodayLine,
            SnoozeLabel = appeal.SnoozeLabel, SnoozeDays = appeal.SnoozeDays.ToString(CultureInfo.InvariantCulture), BaseSavedAt = appeal.UpdatedAt.UtcTicks,
        };

        /// <summary>Copies the form onto <paramref name="appeal"/>, rendering the Markdown once, now, as articles do.</summary>
        public void ApplyTo(Appeal appeal)
        {
            appeal.Name = Name?.Trim() ?? "";
            appeal.BodyMarkdown = Body ?? "";
            appeal.BodyHtml = ArticleMarkdown.ToHtml(appeal.BodyMarkdown);
            appeal.ContinueLabel = ContinueLabel?.Trim() ?? "";
            appeal.NotTodayLine = NotTodayLine?.Trim() ?? "";
            appeal.SnoozeLabel = SnoozeLabel?.Trim() ?? "";
            appeal.SnoozeDays = Days() is { } days and >= MinSnoozeDays and <= MaxSnoozeDays ? days : 7;
        }
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

        Input = Existing is null ? new AppealInput() : AppealInput.From(Existing);
        Preview = Draft();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, string? intent, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } missing)
        {
            return missing;
        }

        // By name only: Enum.TryParse would also take "1" or "Save, Activate".
        var action = Enum.GetNames<Intent>().Contains(intent ?? nameof(Intent.Save), StringComparer.Ordinal)
            ? Enum.Parse<Intent>(intent ?? nameof(Intent.Save))
            : (Intent?)null;
        if (action is null)
        {
            ModelState.AddModelError("", $"\"{intent}\" is not something this form does: use Save, Make active or Preview.");
        }

        if (action is not (null or Intent.Preview) && limits.TrySave(User.StaffId()) is { } wait)
        {
            ModelState.AddModelError("", FormLimits.SavedTooOften(wait));
            Preview = Draft();
            FormLimits.Refuse(Response, wait);
            return Page();
        }

        CheckSnoozeDays();
        if (Input.Body is { } body && ModelState.IsValid && ArticleMarkdown.TryToHtml(body) is null)
        {
            ModelState.AddModelError("Input.Body", ArticleMarkdown.TooComplex);
        }

        Preview = Draft();
        if (Existing is not null && ModelState.IsValid && action != Intent.Preview && Existing.UpdatedAt.UtcTicks != Input.BaseSavedAt)
        {
            RefuseStale(Existing.UpdatedAt);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (action == Intent.Preview)
        {
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var appeal = Existing ?? db.Appeals.Add(new Appeal { Name = "" }).Entity;
        var stamp = NextStamp(Existing?.UpdatedAt);
        if (Existing is not null)
        {
            // The check above leaves a gap between reading and writing; this claim closes it. A concurrent save waits
            // on the row, then finds the stamp moved and claims nothing.
            var claimed = await db.Appeals.Where(a => a.Id == Existing.Id && a.UpdatedAt == Existing.UpdatedAt)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.UpdatedAt, stamp), cancellationToken);
            if (claimed == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                RefuseStale(await db.Appeals.Where(a => a.Id == Existing.Id).Select(a => a.UpdatedAt).SingleAsync(cancellationToken));
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
        }

        Input.ApplyTo(appeal);
        appeal.UpdatedAt = stamp;
        await db.SaveChangesAsync(cancellationToken);
        var target = AuditLog.Target("appeal", appeal.Id);
        audit.Record(User, AuditActions.AppealSaved, target, appeal.Name);
        if (action == Intent.Activate)
        {
            // One statement switches this appeal on and every other off, so two editors activating different appeals
            // at the same moment still leave exactly one active: whichever statement runs last.
            await db.Appeals.ExecuteUpdateAsync(s => s.SetProperty(a => a.IsActive, a => a.Id == appeal.Id), cancellationToken);
            audit.Record(User, AuditActions.AppealActivated, target, appeal.Name);
        }

        await db.SaveChangesAsync(cancellationToken);
        await cache.CommitAndEvictAsync(db, transaction, [AppealPageVariant.CacheTag], cancellationToken);
        Notice = action == Intent.Activate ? "Saved, and made the active appeal: readers see it after the next article they open." : "Saved.";
        return Redirect($"/admin/appeals/{appeal.Id}/edit");
    }

    /// <summary>Only the rendered appeal, for /admin.js to show beside the form as the editor types. Nothing is saved.</summary>
    public IActionResult OnPostPreview()
    {
        if (Input.Body?.Length > Appeal.MaxBody)
        {
            return BadRequest($"The message is over {Appeal.MaxBody} characters: shorten it to see the preview.");
        }

        return Partial("/Appeals/_Appeal.cshtml", Draft());
    }

    private AppealView Draft()
    {
        var draft = new Appeal { Name = "" };
        Input.ApplyTo(draft);
        return AppealView.Of(draft, newsroom.Value, contributions.Value);
    }

    /// <summary>
    /// Now, or a microsecond after the last save when the clock has not moved past it (PostgreSQL keeps
    /// microseconds), so every save changes the stamp the stale-save check compares.
    /// </summary>
    private DateTimeOffset NextStamp(DateTimeOffset? previous)
    {
        var now = clock.GetUtcNow();
        return previous is { } last && now <= last ? last.AddTicks(TimeSpan.TicksPerMicrosecond) : now;
    }

    private void RefuseStale(DateTimeOffset savedAt)
    {
        ModelState.AddModelError("", "Someone saved this appeal while you were editing. Your text is below, unsaved: " +
            "compare it with theirs in another tab, then save again to replace it.");
        Input.BaseSavedAt = savedAt.UtcTicks;

        // The hidden field must carry the new base, not the posted one, so the next save goes through.
        ModelState.Remove($"{nameof(Input)}.{nameof(AppealInput.BaseSavedAt)}");
    }

    private void CheckSnoozeDays()
    {
        var field = $"{nameof(Input)}.{nameof(AppealInput.SnoozeDays)}";
        if (string.IsNullOrWhiteSpace(Input.SnoozeDays))
        {
            ModelState.AddModelError(field, $"Enter how many days “Remind me later” hides the appeal, from {MinSnoozeDays} to {MaxSnoozeDays}.");
        }
        else if (Input.Days() is not { } days)
        {
            ModelState.AddModelError(field, "Enter the days as a whole number, like 7.");
        }
        else if (days is < MinSnoozeDays or > MaxSnoozeDays)
        {
            ModelState.AddModelError(field, $"Choose from {MinSnoozeDays} to {MaxSnoozeDays} days.");
        }
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
