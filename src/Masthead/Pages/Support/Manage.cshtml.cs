using Masthead.Contributions;
using Masthead.Data;
using Masthead.Payments;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Pages.Support;

/// <summary>A supporter's own page, reached by magic link: what they gave, and their recurring gifts to change or cancel.</summary>
public sealed class ManageModel(
    MastheadDb db, ManageSession session, IEnumerable<IPaymentProvider> providers, PaymentInbox inbox, IOptions<ContributionOptions> options) : PublicPage
{
    public sealed record Line(DateTimeOffset At, Money Amount, Frequency Frequency, ContributionKind Kind);

    public IReadOnlyList<Subscription> Subscriptions { get; private set; } = [];

    public IReadOnlyList<Line> History { get; private set; } = [];

    [BindProperty]
    public string? NewAmount { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostCancelAsync(int subscription, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (Subscriptions.FirstOrDefault(s => s.Id == subscription && s.Status != SubscriptionStatus.Canceled) is not { } target)
        {
            return NotFound();
        }

        await providers.Single(p => p.Name == target.Provider).CancelSubscriptionAsync(target.ProviderRef, cancellationToken);
        await inbox.ProcessPendingAsync(cancellationToken);
        Notice = $"Your {ContributionForm.Describe(target.Frequency)} contribution of {target.Money} is cancelled. Thank you for your support.";
        return Redirect("/support/manage");
    }

    public async Task<IActionResult> OnPostChangeAsync(int subscription, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (Subscriptions.FirstOrDefault(s => s.Id == subscription && s.Status != SubscriptionStatus.Canceled) is not { } target)
        {
            return NotFound();
        }

        var form = new ContributionForm { Frequency = target.Frequency.ToString(), Currency = target.Currency, Amount = ContributionForm.Other, OtherAmount = NewAmount, Email = "-" };
        if (form.Read(options.Value, ModelState) is not { } read)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await providers.Single(p => p.Name == target.Provider).ChangeAmountAsync(target.ProviderRef, read.Amount, cancellationToken);
        await inbox.ProcessPendingAsync(cancellationToken);
        Notice = $"From the next payment, you give {read.Amount}{ContributionForm.Per(target.Frequency)}.";
        return Redirect("/support/manage");
    }

    public IActionResult OnPostSignOut()
    {
        ManageSession.End(Response);
        return Redirect("/");
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        Meta = new PageMeta("Your support", "Your contributions.", "/support/manage");
        if (session.EmailHash(Request) is not { } emailHash)
        {
            return Redirect("/support/restore");
        }

        var supporters = db.Supporters.Where(s => s.EmailHash == emailHash).Select(s => s.Id);
        Subscriptions = await db.Subscriptions.Where(s => supporters.Contains(s.SupporterId)).OrderBy(s => s.Status).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        History = (await db.Contributions.Where(c => supporters.Contains(c.SupporterId))
            .Select(c => new { c.OccurredAt, c.Amount, c.Currency, c.Frequency, c.Kind }).ToListAsync(cancellationToken))
            .OrderByDescending(c => c.OccurredAt).Select(c => new Line(c.OccurredAt, new Money(c.Amount, c.Currency), c.Frequency, c.Kind)).ToList();
        return null;
    }
}
