using Masthead.Contributions;
using Masthead.Data;
using Masthead.Email;
using Masthead.Payments;
using Masthead.Payments.Stripe;
using Masthead.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sdk = Stripe;

namespace Masthead.Import;

/// <summary>
/// Turns Ghost's paying and complimentary members into supporters (free members are counted, not kept: see the Import
/// README). A member with a Stripe customer becomes the supporter of that customer, with their active subscriptions as
/// Stripe lists them, so Stripe's next webhooks for them land in their ledger. Safe to run again: supporters are found
/// by customer, then by the address's keyed hash; subscriptions by their Stripe id.
/// </summary>
public sealed class GhostMemberImport(
    MastheadDb db, PersonalData personalData, ImportRunner runner, Lazy<Sdk.StripeClient> stripe, IOptions<StripeOptions> stripeOptions,
    IOptions<PaymentOptions> payments, TimeProvider clock)
{
    /// <summary>Supporters of complimentary members have no provider customer: they are filed under this provider name.</summary>
    public const string ComplimentaryProvider = "ghost";

    /// <summary>
    /// Imports the members file at <paramref name="path"/>; the run's id (null for a dry run) and its report. A dry run asks
    /// Stripe the same read-only questions and writes inside a transaction it rolls back, so its report is the real one.
    /// </summary>
    public async Task<(int? RunId, ImportReport Report)> RunAsync(
        string path, string fileName, bool dryRun, System.Security.Claims.ClaimsPrincipal? actor, CancellationToken cancellationToken)
    {
        var request = new ImportRequest(ImportSources.GhostMembers, path, fileName, dryRun, "");
        var report = new ImportReport();
        var members = GhostMembers.Read(path, report);
        int? runId = dryRun ? null : await runner.StartAsync(request, actor, cancellationToken);
        var checkStripe = stripeOptions.Value.InUse(payments.Value);
        await using var transaction = dryRun ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            foreach (var member in members)
            {
                await ImportAsync(member, checkStripe, report, cancellationToken);

                // Each member is saved whole on its own: a run cut short keeps who it reached, and the next run finishes.
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
        catch (ImportRefusedException refused) when (runId is { } failed)
        {
            await runner.FailAsync(failed, refused.Message, report);
            throw;
        }

        if (transaction is not null)
        {
            await transaction.RollbackAsync(cancellationToken);
        }

        if (runId is { } id)
        {
            await runner.FinishAsync(id, request, report, actor, cancellationToken);
        }

        return (runId, report);
    }

    private async Task ImportAsync(ImportedMember member, bool checkStripe, ImportReport report, CancellationToken cancellationToken)
    {
        var email = EmailAddresses.Normalize(member.Email);
        if (member.StripeCustomerId is { } customer)
        {
            report.Count("member with a stripe customer");
            var supporter = await db.Supporters.SingleOrDefaultAsync(s => s.Provider == StripeProvider.ProviderName && s.CustomerRef == customer, cancellationToken)
                ?? await ComplimentaryAsync(email, cancellationToken);
            if (supporter is null)
            {
                supporter = Add(StripeProvider.ProviderName, customer);
            }
            else if (supporter.Provider == ComplimentaryProvider)
            {
                // A complimentary member imported before who pays now: Stripe's webhooks find a supporter by customer.
                (supporter.Provider, supporter.CustomerRef) = (StripeProvider.ProviderName, customer);
                report.Count("supporter updated");
            }
            else
            {
                report.Count("supporter matched");
            }

            Describe(supporter, email, member.Name);
            if (!checkStripe)
            {
                report.Count("stripe customer not checked: Stripe is not configured");
                return;
            }

            await SubscriptionsAsync(supporter, customer, report, cancellationToken);
        }
        else if (member.Complimentary)
        {
            report.Count("member complimentary");
            var hashes = personalData.LookupHashes(email);
            var supporter = await db.Supporters.OrderBy(s => s.Id)
                .FirstOrDefaultAsync(s => hashes.Contains(s.EmailHash!) || hashes.Contains(s.PreviousEmailHash!), cancellationToken);
            if (supporter is null)
            {
                // No customer to be known by: a reference of its own, never shown; the address finds this supporter again.
                supporter = Add(ComplimentaryProvider, "complimentary_" + Checkout.NewId());
            }
            else
            {
                report.Count("supporter matched");
            }

            Describe(supporter, email, member.Name);
        }
        else
        {
            report.Count("member free: not made a supporter");
        }

        Supporter Add(string provider, string customerRef)
        {
            var supporter = new Supporter { Provider = provider, CustomerRef = customerRef, CreatedAt = member.CreatedAt ?? clock.GetUtcNow() };
            db.Supporters.Add(supporter);
            report.Count("supporter imported");
            return supporter;
        }
    }

    /// <summary>A supporter imported earlier as a complimentary member, found by the address under any key in the ring.</summary>
    private Task<Supporter?> ComplimentaryAsync(string email, CancellationToken cancellationToken)
    {
        var hashes = personalData.LookupHashes(email);
        return db.Supporters.Where(s => s.Provider == ComplimentaryProvider)
            .FirstOrDefaultAsync(s => hashes.Contains(s.EmailHash!) || hashes.Contains(s.PreviousEmailHash!), cancellationToken);
    }

    /// <summary>The address and the name, sealed as a checkout seals them, where the supporter has none yet: what they gave here wins.</summary>
    private void Describe(Supporter supporter, string email, string name)
    {
        if (supporter.EmailHash is null)
        {
            (supporter.EmailProtected, supporter.EmailHash) = (personalData.Protect(email), personalData.LookupHash(email));
        }

        if (supporter.Name is null && !string.IsNullOrWhiteSpace(name))
        {
            // They gave Ghost this name for the newsroom's use; nothing shows it to readers.
            (supporter.Name, supporter.Anonymous) = (personalData.Protect(name.Trim()), false);
        }
    }

    private async Task SubscriptionsAsync(Supporter supporter, string customer, ImportReport report, CancellationToken cancellationToken)
    {
        Sdk.StripeList<Sdk.Subscription> active;
        try
        {
            active = await new Sdk.SubscriptionService(stripe.Value).ListAsync(
                new Sdk.SubscriptionListOptions { Customer = customer, Status = "active", Limit = 100 }, cancellationToken: cancellationToken);
        }
        catch (Exception exception) when (exception is Sdk.StripeException or HttpRequestException)
        {
            // The member stays a supporter; running the import again asks Stripe again.
            report.Count("stripe customer not checked: Stripe could not be asked");
            report.Warn($"Stripe customer {customer}: {(exception as Sdk.StripeException)?.StripeError?.Message ?? "Stripe could not be reached"}; its subscriptions were not imported.");
            return;
        }

        foreach (var subscription in active.Data)
        {
            if (await db.Subscriptions.AnyAsync(s => s.Provider == StripeProvider.ProviderName && s.ProviderRef == subscription.Id, cancellationToken))
            {
                report.Count("subscription matched");
                continue;
            }

            var item = subscription.Items?.Data.FirstOrDefault();
            var recurring = item?.Price?.Recurring;
            Frequency? frequency = recurring is { IntervalCount: 1, Interval: "month" } ? Frequency.Monthly
                : recurring is { IntervalCount: 1, Interval: "year" } ? Frequency.Annual : null;
            var currency = item?.Price?.Currency?.ToUpperInvariant();
            if (frequency is null || item?.Price?.UnitAmount is not { } unit || !Currencies.IsCode(currency))
            {
                report.Skip("subscription", "not monthly or annual at one price");
                report.Warn($"Stripe subscription {subscription.Id} is not billed monthly or annually at one price; Masthead keeps only those, so it was not imported.");
                continue;
            }

            supporter.Subscriptions.Add(new Subscription
            {
                Provider = StripeProvider.ProviderName, ProviderRef = subscription.Id, Frequency = frequency.Value, Amount = unit * Math.Max(item.Quantity, 1),
                Currency = currency!, Status = SubscriptionStatus.Active, StatusAt = clock.GetUtcNow(),
                RenewsAt = item.CurrentPeriodEnd > DateTime.UnixEpoch ? new DateTimeOffset(item.CurrentPeriodEnd, TimeSpan.Zero) : null,
            });
            report.Count("subscription imported");
        }
    }
}
