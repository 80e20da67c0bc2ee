using Masthead.Data;
using Masthead.Payments;
using Masthead.Privacy;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masthead.Contributions;

/// <summary>
/// What a supporter does on their own page, reached by magic link: change the amount of a recurring gift, cancel it, open the
/// provider's portal, erase their data. Each change is asked of the provider, then what it recorded is applied at once.
/// </summary>
public sealed partial class SupporterAccount(
    MastheadDb db, ManageSession session, PaymentProviders providers, PaymentInbox inbox, IOptions<ContributionOptions> options,
    SupporterErasure erasure, IStringLocalizer<ContributionsText> text, ILogger<SupporterAccount> logger)
{

    /// <summary>The supporter whose manage session <paramref name="request"/> carries, with what they gave; null without one.</summary>
    public async Task<SupporterRecords?> OpenAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (session.EmailHash(request) is not { } emailHash)
        {
            return null;
        }

        // The hash before the last key rotation too: a link sent before it still opens the page until the old key is retired.
        var records = await db.Supporters.Where(s => s.EmailHash == emailHash || s.PreviousEmailHash == emailHash).OrderByDescending(s => s.Id)
            .Select(s => new { s.Id, s.Provider, s.CustomerRef }).ToListAsync(cancellationToken);
        var ids = records.Select(s => s.Id).ToList();
        var portal = records.Where(s => providers.Offers(s.Provider, PaymentCapabilities.CustomerPortal))
            .Select(s => ((string, string)?)(s.Provider, s.CustomerRef)).FirstOrDefault();
        var subscriptions = await db.Subscriptions.Where(s => ids.Contains(s.SupporterId)).OrderBy(s => s.Status).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        var history = (await db.Contributions.Where(c => ids.Contains(c.SupporterId))
            .Select(c => new { c.OccurredAt, c.Amount, c.Currency, c.Frequency, c.Kind }).ToListAsync(cancellationToken))
            .OrderByDescending(c => c.OccurredAt).Select(c => new SupporterRecords.Line(c.OccurredAt, new Money(c.Amount, c.Currency), c.Frequency, c.Kind)).ToList();
        return new SupporterRecords(ids, portal, subscriptions, history);
    }

    /// <summary>Whether the provider that holds <paramref name="subscription"/> offers <paramref name="capability"/>, so the page shows it.</summary>
    public bool Offers(Subscription subscription, PaymentCapabilities capability) => providers.Offers(subscription.Provider, capability);

    public async Task<AccountChange> CancelAsync(SupporterRecords supporter, int subscription, ModelStateDictionary errors, CancellationToken cancellationToken)
    {
        if (Running(supporter, subscription, PaymentCapabilities.CancelSubscription) is not { } target)
        {
            return AccountChange.NotFound;
        }

        return await TryAsync(target, p => p.CancelSubscriptionAsync(target.ProviderRef, cancellationToken), errors, cancellationToken)
            ? new AccountChange(AccountChange.Result.Done, text[$"Cancelled{target.Frequency}", target.Money])
            : AccountChange.Unavailable;
    }

    /// <summary>From the next payment on, <paramref name="newAmount"/> (as typed) instead; checked as the support form checks it.</summary>
    public async Task<AccountChange> ChangeAmountAsync(
        SupporterRecords supporter, int subscription, string? newAmount, ModelStateDictionary errors, CancellationToken cancellationToken)
    {
        if (Running(supporter, subscription, PaymentCapabilities.ChangeAmount) is not { } target)
        {
            return AccountChange.NotFound;
        }

        var form = new ContributionForm { Frequency = target.Frequency.ToString(), Currency = target.Currency, Amount = ContributionForm.Other, OtherAmount = newAmount, Email = "-" };
        if (form.Read(options.Value, errors, text) is not { } read)
        {
            return AccountChange.Invalid;
        }

        return await TryAsync(target, p => p.ChangeAmountAsync(target.ProviderRef, read.Amount, cancellationToken), errors, cancellationToken)
            ? new AccountChange(AccountChange.Result.Done, text["ChangedTo", ContributionForm.Per(text, target.Frequency, read.Amount)])
            : AccountChange.Unavailable;
    }

    /// <summary>The provider's own page for the card on file and invoices; made on demand because the link expires within minutes.</summary>
    public async Task<AccountChange> PortalAsync(SupporterRecords supporter, Uri returnTo, ModelStateDictionary errors, CancellationToken cancellationToken)
    {
        if (supporter.PortalCustomer is not { } customer)
        {
            return AccountChange.NotFound;
        }

        try
        {
            return new AccountChange(AccountChange.Result.Done, Portal: await providers.For(customer.Provider).CreatePortalLinkAsync(customer.CustomerRef, returnTo, cancellationToken));
        }
        catch (PaymentProviderException exception)
        {
            return Unavailable(exception, errors);
        }
    }

    /// <summary>Cancels the recurring gifts at their providers, then erases the supporter's data and ends their session.</summary>
    public async Task<AccountChange> EraseAsync(SupporterRecords supporter, HttpResponse response, ModelStateDictionary errors, CancellationToken cancellationToken)
    {
        // Cancel first: erasing a supporter whose card is still charged would leave them paying with no way to stop it here.
        // A provider that cannot cancel has nothing Masthead could stop here.
        foreach (var running in supporter.Subscriptions.Where(s => s.Status != SubscriptionStatus.Canceled && Offers(s, PaymentCapabilities.CancelSubscription)))
        {
            if (!await TryAsync(running, p => p.CancelSubscriptionAsync(running.ProviderRef, cancellationToken), errors, cancellationToken))
            {
                return AccountChange.Unavailable;
            }
        }

        await erasure.EraseAsync(supporter.SupporterIds.ToList(), cancellationToken);
        SignOut(response);
        LogErased(logger, supporter.SupporterIds.Count);
        return new AccountChange(AccountChange.Result.Done);
    }

    /// <summary>Ends the manage session: the page opens again only through a new link.</summary>
    public static void SignOut(HttpResponse response) => ManageSession.End(response);

    /// <summary>The supporter's running subscription <paramref name="id"/>, when its provider offers <paramref name="capability"/>.</summary>
    private Subscription? Running(SupporterRecords supporter, int id, PaymentCapabilities capability) =>
        supporter.Subscriptions.FirstOrDefault(s => s.Id == id && s.Status != SubscriptionStatus.Canceled && Offers(s, capability));

    /// <summary>Asks the provider for the change and applies what it recorded; false, with the reader's message set, when it failed.</summary>
    private async Task<bool> TryAsync(Subscription target, Func<IPaymentProvider, Task> change, ModelStateDictionary errors, CancellationToken cancellationToken)
    {
        try
        {
            await change(providers.For(target.Provider));
        }
        catch (PaymentProviderException exception)
        {
            Unavailable(exception, errors);
            return false;
        }

        await inbox.ProcessPendingAsync(cancellationToken);
        return true;
    }

    private AccountChange Unavailable(PaymentProviderException exception, ModelStateDictionary errors)
    {
        LogProviderFailed(logger, exception);
        errors.AddModelError("", text["ProviderUnreachable"]);
        return AccountChange.Unavailable;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A supporter erased their data ({Records} supporter records)")]
    private static partial void LogErased(ILogger logger, int records);

    [LoggerMessage(Level = LogLevel.Error, Message = "A supporter's change did not reach the payment provider")]
    private static partial void LogProviderFailed(ILogger logger, Exception exception);
}
