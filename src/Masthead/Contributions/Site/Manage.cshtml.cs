using Masthead.Data;
using Masthead.Payments;
using Masthead.Privacy;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Contributions.Site;

/// <summary>A supporter's own page, reached by magic link: what they gave, and their recurring gifts to change or cancel.</summary>
public sealed partial class ManageModel(
    MastheadDb db, ManageSession session, PaymentProviders providers, PaymentInbox inbox, IOptions<ContributionOptions> options,
    SupporterErasure erasure, ILogger<ManageModel> logger) : PublicPage
{
    public sealed record Line(DateTimeOffset At, Money Amount, Frequency Frequency, ContributionKind Kind);

    public IReadOnlyList<Subscription> Subscriptions { get; private set; } = [];

    public IReadOnlyList<Line> History { get; private set; } = [];

    [BindProperty]
    public string? NewAmount { get; set; }

    [TempData]
    public string? Notice { get; set; }

    /// <summary>The supporter asked to erase their data and must confirm.</summary>
    public bool ConfirmingErase { get; private set; }

    /// <summary>Their data was just erased: the page says what was kept and why, and nothing else.</summary>
    public bool Erased { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostCancelAsync(int subscription, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (Running(subscription, PaymentCapabilities.CancelSubscription) is not { } target)
        {
            return NotFound();
        }

        if (!await TryAsync(target, p => p.CancelSubscriptionAsync(target.ProviderRef, cancellationToken), cancellationToken))
        {
            return Page();
        }

        Notice = $"Your {ContributionForm.Describe(target.Frequency)} contribution of {target.Money} is cancelled. Thank you for your support.";
        return Redirect("/support/manage");
    }

    public async Task<IActionResult> OnPostChangeAsync(int subscription, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (Running(subscription, PaymentCapabilities.ChangeAmount) is not { } target)
        {
            return NotFound();
        }

        var form = new ContributionForm { Frequency = target.Frequency.ToString(), Currency = target.Currency, Amount = ContributionForm.Other, OtherAmount = NewAmount, Email = "-" };
        if (form.Read(options.Value, ModelState) is not { } read)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (!await TryAsync(target, p => p.ChangeAmountAsync(target.ProviderRef, read.Amount, cancellationToken), cancellationToken))
        {
            return Page();
        }

        Notice = $"From the next payment, you give {read.Amount}{ContributionForm.Per(target.Frequency)}.";
        return Redirect("/support/manage");
    }

    /// <summary>The provider's own page for the card on file and invoices; the link is made on demand because it expires within minutes.</summary>
    public async Task<IActionResult> OnPostPortalAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (PortalCustomer is not { } customer)
        {
            return NotFound();
        }

        try
        {
            var portal = await providers.For(customer.Provider).CreatePortalLinkAsync(customer.CustomerRef, new Uri(SiteUrls.Absolute(HttpContext, "/support/manage")), cancellationToken);
            return Redirect(portal.ToString());
        }
        catch (PaymentProviderException exception)
        {
            Unavailable(exception);
            return Page();
        }
    }

    /// <summary>"Erase my data": first a confirmation, then recurring gifts are cancelled at the provider and the data erased.</summary>
    public async Task<IActionResult> OnPostEraseAsync(bool confirm, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (!confirm)
        {
            ConfirmingErase = true;
            return Page();
        }

        // Cancel first: erasing a supporter whose card is still charged would leave them paying with no way to stop it here.
        // A provider that cannot cancel has nothing Masthead could stop here.
        foreach (var running in Subscriptions.Where(s => s.Status != SubscriptionStatus.Canceled && Offers(s, PaymentCapabilities.CancelSubscription)))
        {
            if (!await TryAsync(running, p => p.CancelSubscriptionAsync(running.ProviderRef, cancellationToken), cancellationToken))
            {
                return Page();
            }
        }

        await erasure.EraseAsync(SupporterIds, cancellationToken);
        ManageSession.End(Response);
        LogErased(logger, SupporterIds.Count);
        Erased = true;
        Subscriptions = [];
        History = [];
        return Page();
    }

    public IActionResult OnPostSignOut()
    {
        ManageSession.End(Response);
        return Redirect("/");
    }

    private List<int> SupporterIds { get; set; } = [];

    /// <summary>The supporter's latest customer record at a provider with a portal: then the page offers that portal.</summary>
    public (string Provider, string CustomerRef)? PortalCustomer { get; private set; }

    /// <summary>Whether the provider that holds <paramref name="subscription"/> offers <paramref name="capability"/>, so the page shows it.</summary>
    public bool Offers(Subscription subscription, PaymentCapabilities capability) => providers.Offers(subscription.Provider, capability);

    /// <summary>The supporter's running subscription <paramref name="id"/>, when its provider offers <paramref name="capability"/>.</summary>
    private Subscription? Running(int id, PaymentCapabilities capability) =>
        Subscriptions.FirstOrDefault(s => s.Id == id && s.Status != SubscriptionStatus.Canceled && Offers(s, capability));

    /// <summary>Asks the provider for the change and applies what it recorded; false, with the page's message set, when it failed.</summary>
    private async Task<bool> TryAsync(Subscription target, Func<IPaymentProvider, Task> change, CancellationToken cancellationToken)
    {
        try
        {
            await change(providers.For(target.Provider));
        }
        catch (PaymentProviderException exception)
        {
            Unavailable(exception);
            return false;
        }

        await inbox.ProcessPendingAsync(cancellationToken);
        return true;
    }

    private void Unavailable(PaymentProviderException exception)
    {
        LogProviderFailed(logger, exception);
        ModelState.AddModelError("", "The payment service could not be reached just now, so nothing was changed. Please try again in a minute.");
        Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A supporter erased their data ({Records} supporter records)")]
    private static partial void LogErased(ILogger logger, int records);

    [LoggerMessage(Level = LogLevel.Error, Message = "A supporter's change did not reach the payment provider")]
    private static partial void LogProviderFailed(ILogger logger, Exception exception);

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        Meta = new PageMeta("Your support", "Your contributions.", "/support/manage");
        if (session.EmailHash(Request) is not { } emailHash)
        {
            return Redirect("/support/restore");
        }

        // The hash before the last key rotation too: a link sent before it still opens the page until the old key is retired.
        SupporterIds = await db.Supporters.Where(s => s.EmailHash == emailHash || s.PreviousEmailHash == emailHash).Select(s => s.Id).ToListAsync(cancellationToken);
        var supporters = SupporterIds;
        PortalCustomer = (await db.Supporters.Where(s => supporters.Contains(s.Id)).OrderByDescending(s => s.Id)
                .Select(s => new { s.Provider, s.CustomerRef }).ToListAsync(cancellationToken))
            .Where(s => providers.Offers(s.Provider, PaymentCapabilities.CustomerPortal)).Select(s => ((string, string)?)(s.Provider, s.CustomerRef)).FirstOrDefault();
        Subscriptions = await db.Subscriptions.Where(s => supporters.Contains(s.SupporterId)).OrderBy(s => s.Status).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        History = (await db.Contributions.Where(c => supporters.Contains(c.SupporterId))
            .Select(c => new { c.OccurredAt, c.Amount, c.Currency, c.Frequency, c.Kind }).ToListAsync(cancellationToken))
            .OrderByDescending(c => c.OccurredAt).Select(c => new Line(c.OccurredAt, new Money(c.Amount, c.Currency), c.Frequency, c.Kind)).ToList();
        return null;
    }
}
