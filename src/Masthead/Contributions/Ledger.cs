using Masthead.Data;
using Masthead.Payments;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Contributions;

/// <summary>
/// Applies provider facts to supporters, subscriptions and the ledger. Every step is idempotent (found by the
/// provider's references) and order-independent (state changes carry their time), so replays and shuffles are harmless.
/// </summary>
internal sealed class Ledger(MastheadDb db, string provider, DateTimeOffset now)
{
    /// <summary>Applies the fact; returns the id of the supporter it is filed under.</summary>
    public async Task<int> ApplyAsync(PaymentFact fact, CancellationToken cancellationToken)
    {
        var supporter = await SupporterAsync(fact.CustomerRef, cancellationToken);
        switch (fact)
        {
            case CheckoutCompleted completed:
                // Null when the confirmation came so late (a webhook retried for days) that retention had deleted the
                // unfinished checkout: the money still goes in the ledger, under a supporter without an address.
                var checkout = await db.Checkouts.SingleOrDefaultAsync(c => c.Id == completed.CheckoutId, cancellationToken);
                if (checkout is not null)
                {
                    checkout.Status = CheckoutStatus.Completed;
                    checkout.CompletedAt ??= completed.OccurredAt;
                    checkout.SupporterId = supporter.Id;
                    (supporter.EmailProtected, supporter.EmailHash) = (checkout.EmailProtected, checkout.EmailHash);
                    (supporter.Name, supporter.Anonymous) = (checkout.Anonymous ? null : checkout.Name, checkout.Anonymous);
                    await Appeals.AppealConversions.AddAsync(db, checkout, completed.OccurredAt, cancellationToken);
                }

                if (completed.SubscriptionRef is { } reference)
                {
                    var subscription = await SubscriptionAsync(supporter, reference, checkout?.Frequency, checkout?.Money, cancellationToken);
                    subscription.Apply(SubscriptionStatus.Active, completed.OccurredAt);
                }

                break;
            case PaymentSucceeded paid:
                if (paid.SubscriptionRef is { } paidRef)
                {
                    var subscription = await SubscriptionAsync(supporter, paidRef, paid.Frequency, paid.Amount, cancellationToken);
                    if (subscription.Apply(SubscriptionStatus.Active, paid.OccurredAt) || subscription.RenewsAt is null)
                    {
                        subscription.RenewsAt = Next(paid.OccurredAt, paid.Frequency);
                    }
                }

                await AppendAsync(supporter, paid.PaymentRef, paid.SubscriptionRef, ContributionKind.Payment, paid.Frequency, paid.Amount, paid.OccurredAt, cancellationToken);
                break;
            case PaymentFailed failed:
                if ((await SubscriptionAsync(supporter, failed.SubscriptionRef, null, null, cancellationToken)).Apply(SubscriptionStatus.PastDue, failed.OccurredAt))
                {
                    // Failed past the paid period: the support has lapsed, and this supporter's passes end with it.
                    await SupporterPasses.RevokeIfLapsedAsync(db, supporter.Id, failed.OccurredAt, cancellationToken);
                }

                break;
            case SubscriptionUpdated updated:
                var changed = await SubscriptionAsync(supporter, updated.SubscriptionRef, null, null, cancellationToken);
                var applied = changed.Apply(updated.Status, updated.OccurredAt);
                if (applied && updated.Amount is { } amount)
                {
                    (changed.Amount, changed.Currency) = (amount.MinorUnits, amount.Currency);
                }

                if (applied && updated.Status == SubscriptionStatus.Canceled)
                {
                    // Cancelled here or at the provider: no pass of this supporter's is renewed again.
                    await SupporterPasses.RevokeAsync(db, supporter.Id, cancellationToken);
                }

                break;
            case Refunded refunded:
                var original = await db.Contributions.Where(c => c.Provider == provider && c.ProviderRef == refunded.PaymentRef)
                    .Select(c => new { c.Frequency, c.SubscriptionRef }).SingleOrDefaultAsync(cancellationToken);
                await AppendAsync(supporter, refunded.RefundRef, original?.SubscriptionRef, ContributionKind.Refund, original?.Frequency ?? Frequency.OneTime,
                    refunded.Amount with { MinorUnits = -Math.Abs(refunded.Amount.MinorUnits) }, refunded.OccurredAt, cancellationToken);
                break;
        }

        await db.SaveChangesAsync(cancellationToken);
        return supporter.Id;
    }

    private static DateTimeOffset Next(DateTimeOffset from, Frequency frequency) =>
        frequency == Frequency.Annual ? from.AddYears(1) : from.AddMonths(1);

    private async Task<Supporter> SupporterAsync(string customerRef, CancellationToken cancellationToken)
    {
        var supporter = await db.Supporters.SingleOrDefaultAsync(s => s.Provider == provider && s.CustomerRef == customerRef, cancellationToken);
        if (supporter is null)
        {
            supporter = new Supporter { Provider = provider, CustomerRef = customerRef, CreatedAt = now };
            db.Supporters.Add(supporter);
            await db.SaveChangesAsync(cancellationToken);
        }

        return supporter;
    }

    /// <summary>
    /// The subscription, created when this is the first event to mention it: a cancellation may arrive before the
    /// checkout that started it. Its amount and frequency are filled in by whichever event knows them.
    /// </summary>
    private async Task<Subscription> SubscriptionAsync(Supporter supporter, string reference, Frequency? frequency, Money? amount, CancellationToken cancellationToken)
    {
        var subscription = await db.Subscriptions.SingleOrDefaultAsync(s => s.Provider == provider && s.ProviderRef == reference, cancellationToken);
        if (subscription is null)
        {
            subscription = new Subscription
            {
                SupporterId = supporter.Id, Provider = provider, ProviderRef = reference, Frequency = frequency ?? Frequency.Monthly,
                Amount = 0, Currency = "", Status = SubscriptionStatus.Active, StatusAt = DateTimeOffset.UnixEpoch,
            };
            db.Subscriptions.Add(subscription);
        }

        if (subscription.Amount == 0 && amount is { } known)
        {
            (subscription.Amount, subscription.Currency, subscription.Frequency) = (known.MinorUnits, known.Currency, frequency ?? subscription.Frequency);
        }

        return subscription;
    }

    private async Task AppendAsync(
        Supporter supporter, string reference, string? subscriptionRef, ContributionKind kind, Frequency frequency, Money amount, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (await db.Contributions.AnyAsync(c => c.Provider == provider && c.ProviderRef == reference, cancellationToken))
        {
            return;
        }

        db.Contributions.Add(new Contribution
        {
            SupporterId = supporter.Id, Provider = provider, ProviderRef = reference, SubscriptionRef = subscriptionRef, Kind = kind,
            Frequency = frequency, Amount = amount.MinorUnits, Currency = amount.Currency, OccurredAt = at, RecordedAt = now,
        });
    }
}
