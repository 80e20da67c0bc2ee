using System.ComponentModel.DataAnnotations;
using Masthead.Appeals.Experiments;
using Masthead.Articles;
using Masthead.Audit;
using Masthead.Data;
using Masthead.Editions;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masthead.Appeals.Admin;

/// <summary>
/// An appeal's A/B/n test: its variants, its planned size, starting and stopping it, and its results with a verdict;
/// "Make this the appeal" ends it and keeps the winner's words. Every change evicts the pages that show appeals.
/// </summary>
public sealed class TestModel(
    MastheadDb db, PageCache cache, AppealCounts counts, AuditLog audit, SiteEditions editions, IOptions<Contributions.ContributionOptions> contributions, TimeProvider clock,
    IStringLocalizer<AdminText> text) : PageModel
{
    public const double DefaultBaseline = 2;
    public const double DefaultLift = 20;

    public sealed class VariantInput
    {
        [Required(ErrorMessage = "Name the variant for editors, e.g. “Shorter text”.")]
        [StringLength(Appeal.NameLength, ErrorMessage = "Keep the name under {1} characters.")]
        public string? Name { get; set; }

        [StringLength(Appeal.MaxBody, ErrorMessage = "Keep the message under {1} characters: readers stop reading long before that.")]
        public string? Body { get; set; }

        [StringLength(Appeal.LabelLength, ErrorMessage = "Keep the button's label under {1} characters.")]
        public string? ContinueLabel { get; set; }

        [StringLength(Appeal.AskLength, ErrorMessage = "Keep the ask under {1} characters.")]
        public string? AskLine { get; set; }

        [StringLength(SupportLink.AmountsLength, ErrorMessage = "Keep the amounts under {1} characters.")]
        public string? SuggestedAmounts { get; set; }

        /// <summary>Empty for the form's own; else a name of <see cref="Contributions.Frequency"/>.</summary>
        public string? DefaultFrequency { get; set; }
    }

    public sealed class PlanInput
    {
        /// <summary>The Continue rate expected of the control, in percent.</summary>
        [Range(0.01, 99, ErrorMessage = "The expected rate: a percentage from {1} to {2}.")]
        public double Baseline { get; set; } = DefaultBaseline;

        /// <summary>The smallest relative lift worth knowing, in percent.</summary>
        [Range(1, 500, ErrorMessage = "The smallest lift: a percentage from {1} to {2}.")]
        public double Lift { get; set; } = DefaultLift;
    }

    // Bound by the handler that posts each form (an explicit prefix), so the other form's checks never apply.
    public VariantInput Variant { get; private set; } = new();

    public PlanInput Plan { get; private set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public Appeal Appeal { get; private set; } = null!;

    public ExperimentResults Results { get; private set; } = null!;

    /// <summary>Showings per variant the plan's figures call for; null for figures no test can be planned with.</summary>
    public long? PlannedShowings =>
        Plan.Baseline is > 0 and < 100 && Plan.Lift > 0 && Plan.Baseline * (1 + Plan.Lift / 100) < 100
            ? ExperimentStatistics.SampleSizePerVariant(Plan.Baseline / 100, Plan.Lift / 100)
            : null;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddVariantAsync(int id, [Bind(Prefix = nameof(Variant))] VariantInput variant, CancellationToken cancellationToken)
    {
        Variant = variant;
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var frequency = AppealInput.Named<Contributions.Frequency>(Variant.DefaultFrequency);
        if (!string.IsNullOrEmpty(Variant.DefaultFrequency) && frequency is null)
        {
            ModelState.AddModelError($"{nameof(Variant)}.{nameof(VariantInput.DefaultFrequency)}", text["ChooseFrequency"]);
        }

        AppealInput.CheckAmounts(Variant.SuggestedAmounts, editions.Get(Appeal.Edition), frequency ?? Appeal.DefaultFrequency, contributions.Value, ModelState,
            $"{nameof(Variant)}.{nameof(VariantInput.SuggestedAmounts)}", text);
        if (Appeal.Test == AppealTestStatus.Running)
        {
            ModelState.AddModelError("", text["StopToChange"]);
        }
        else if (Appeal.Variants.Count >= AppealVariant.MaxVariants)
        {
            ModelState.AddModelError("", text["TooManyVariants", AppealVariant.MaxVariants]);
        }

        var html = string.IsNullOrWhiteSpace(Variant.Body) ? null : ArticleMarkdown.TryToHtml(Variant.Body);
        if (!string.IsNullOrWhiteSpace(Variant.Body) && html is null)
        {
            ModelState.AddModelError($"{nameof(Variant)}.{nameof(VariantInput.Body)}", text["TooComplex"]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        db.AppealVariants.Add(new AppealVariant
        {
            AppealId = Appeal.Id, Number = Appeal.Variants.Select(v => v.Number).DefaultIfEmpty(0).Max() + 1, Name = Variant.Name!.Trim(),
            BodyMarkdown = html is null ? null : Variant.Body, BodyHtml = html,
            ContinueLabel = string.IsNullOrWhiteSpace(Variant.ContinueLabel) ? null : Variant.ContinueLabel.Trim(), DefaultFrequency = frequency,
            AskLine = string.IsNullOrWhiteSpace(Variant.AskLine) ? null : Variant.AskLine.Trim(), SuggestedAmounts = SupportLink.Normalize(Variant.SuggestedAmounts),
        });
        return await SaveAsync(text["VariantAdded"], cancellationToken);
    }

    public async Task<IActionResult> OnPostStartAsync(int id, [Bind(Prefix = nameof(Plan))] PlanInput plan, CancellationToken cancellationToken)
    {
        Plan = plan;
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (Appeal.Variants.Count == 0)
        {
            ModelState.AddModelError("", text["AddAVariantFirst"]);
        }

        if (ModelState.IsValid && PlannedShowings is null)
        {
            ModelState.AddModelError($"{nameof(Plan)}.{nameof(PlanInput.Lift)}", text["LiftTooLarge"]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        (Appeal.Test, Appeal.TestStartedAt) = (AppealTestStatus.Running, clock.GetUtcNow());
        Appeal.TestPlannedShowings = (int)Math.Min(PlannedShowings!.Value, int.MaxValue);
        return await SaveAsync(text["TestStarted"], cancellationToken);
    }

    public async Task<IActionResult> OnPostStopAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Appeal.Test = AppealTestStatus.Ended;
        return await SaveAsync(text["TestStopped"], cancellationToken);
    }

    /// <summary>"Make this the appeal": the variant's words become the appeal's, the test ends and its variants go.</summary>
    public async Task<IActionResult> OnPostKeepAsync(int id, int number, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (number != 0)
        {
            if (Appeal.Variants.SingleOrDefault(v => v.Number == number) is not { } winner)
            {
                return NotFound();
            }

            if (winner.BodyHtml is not null)
            {
                (Appeal.BodyMarkdown, Appeal.BodyHtml) = (winner.BodyMarkdown!, winner.BodyHtml);
            }

            Appeal.ContinueLabel = winner.ContinueLabel ?? Appeal.ContinueLabel;
            Appeal.AskLine = winner.AskLine ?? Appeal.AskLine;
            Appeal.DefaultFrequency = winner.DefaultFrequency ?? Appeal.DefaultFrequency;
            Appeal.SuggestedAmounts = winner.SuggestedAmounts ?? Appeal.SuggestedAmounts;
        }

        db.AppealVariants.RemoveRange(Appeal.Variants);
        Appeal.Test = AppealTestStatus.None;
        Appeal.Version++;
        return await SaveAsync(text["WinnerKept"], cancellationToken);
    }

    private async Task<IActionResult> SaveAsync(string notice, CancellationToken cancellationToken)
    {
        Appeal.UpdatedAt = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        audit.Record(User, AuditActions.AppealSaved, AuditLog.Target("appeal", Appeal.Id), Appeal.Name);
        await db.SaveChangesAsync(cancellationToken);
        await cache.CommitAndEvictAsync(db, transaction, [AppealPageVariant.CacheTag], cancellationToken);
        await counts.RefreshAsync(db, cancellationToken);
        Notice = notice;
        return Redirect($"/admin/appeals/{Appeal.Id}/test");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Appeals.Include(a => a.Variants).SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } appeal)
        {
            return false;
        }

        Appeal = appeal;
        Results = await ExperimentResults.ForAsync(db, appeal, cancellationToken);
        return true;
    }
}
