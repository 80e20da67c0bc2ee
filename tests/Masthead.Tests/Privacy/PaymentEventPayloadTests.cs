using System.Net;
using Masthead.Contributions;
using Masthead.Privacy;
using Masthead.Tests.Contributions;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Privacy;

/// <summary>
/// What Stripe's webhooks carry about the payer (email, name, address) is kept only sealed, only while it may be
/// needed, and goes with the supporter's erasure; each event's row stays, so a redelivery is still applied once.
/// </summary>
public abstract class PaymentEventPayloadTests(MastheadFactory factory) : WithFakeStripe(factory)
{
    protected override void Configure(MastheadFactory own) => own.Settings["Masthead:Privacy:EmptyPaymentEventsAfterDays"] = "1";

    [Fact]
    public async Task A_Stripe_event_is_stored_sealed_and_applied_and_one_the_ledger_ignores_keeps_no_payload()
    {
        var email = $"sealed.{Guid.NewGuid():N}@example.org";
        var events = await PayAsync(email, "Sealed Payer");
        await DeliverAsync(events);

        var stored = await Own.WithDbAsync(db => db.PaymentEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync());
        var supporter = await Own.WithDbAsync(db => db.Supporters.SingleAsync(s => s.EmailHash == SupportDesk.HashOf(Own, email)));
        var data = Own.Services.GetRequiredService<PersonalData>();
        Assert.Equal(["customer.subscription.created", "invoice.paid", "checkout.session.completed"], stored.Select(e => e.Type));
        Assert.Equal(PaymentEvent.Emptied, stored[0].Payload);
        Assert.All(stored.Skip(1), e =>
        {
            Assert.StartsWith(data.CurrentPrefix, e.Payload);
            Assert.DoesNotContain(email, e.Payload, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(email, data.Unprotect(e.Payload), StringComparison.Ordinal);
            Assert.Equal(supporter.Id, e.SupporterId);
        });
        Assert.Equal([200L], await Own.WithDbAsync(db => db.Contributions.Select(c => c.Amount).ToListAsync()));
        Assert.Equal(CheckoutStatus.Completed, await Own.WithDbAsync(db => db.Checkouts.Select(c => c.Status).SingleAsync()));
    }

    [Fact]
    public async Task Payloads_are_emptied_after_the_retention_period_and_a_redelivery_is_still_recognised_and_applied_once()
    {
        var events = await PayAsync($"emptied.{Guid.NewGuid():N}@example.org", "Emptied Payer");
        await DeliverAsync(events);

        Own.Clock.Advance(TimeSpan.FromHours(23));
        await RunRetentionAsync();
        Assert.Equal(2, await Own.WithDbAsync(db => db.PaymentEvents.CountAsync(e => e.Payload != PaymentEvent.Emptied)));

        Own.Clock.Advance(TimeSpan.FromHours(2));
        await RunRetentionAsync();
        Assert.Equal(0, await Own.WithDbAsync(db => db.PaymentEvents.CountAsync(e => e.Payload != PaymentEvent.Emptied)));

        // Stripe redelivers every event (it does, for days, after a lost acknowledgement): known, answered 200, applied once.
        await DeliverAsync(events);
        Assert.Equal(3, await Own.WithDbAsync(db => db.PaymentEvents.CountAsync()));
        Assert.Equal(0, await Own.WithDbAsync(db => db.PaymentEvents.CountAsync(e => e.ProcessedAt == null)));
        Assert.Equal([200L], await Own.WithDbAsync(db => db.Contributions.Select(c => c.Amount).ToListAsync()));
    }

    [Fact]
    public async Task Erasing_a_supporter_empties_the_payloads_of_their_events_and_no_one_else_s()
    {
        var leaving = $"leaving.{Guid.NewGuid():N}@example.org";
        var staying = $"staying.{Guid.NewGuid():N}@example.org";
        await DeliverAsync(await PayAsync(leaving, "Leaving Payer"));
        await DeliverAsync(await PayAsync(staying, "Staying Payer"));
        var (leavingId, stayingId) = await Own.WithDbAsync(async db => (
            await db.Supporters.Where(s => s.EmailHash == SupportDesk.HashOf(Own, leaving)).Select(s => s.Id).SingleAsync(),
            await db.Supporters.Where(s => s.EmailHash == SupportDesk.HashOf(Own, staying)).Select(s => s.Id).SingleAsync()));

        await using (var scope = Own.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SupporterErasure>().EraseAsync([leavingId], CancellationToken.None);
        }

        var payloads = await Own.WithDbAsync(db => db.PaymentEvents.Where(e => e.SupporterId != null).Select(e => new { e.SupporterId, e.Payload }).ToListAsync());
        Assert.Equal(2, payloads.Count(p => p.SupporterId == leavingId));
        Assert.All(payloads.Where(p => p.SupporterId == leavingId), p => Assert.Equal(PaymentEvent.Emptied, p.Payload));
        var data = Own.Services.GetRequiredService<PersonalData>();
        Assert.All(payloads.Where(p => p.SupporterId == stayingId), p => Assert.Contains(staying, data.Unprotect(p.Payload), StringComparison.Ordinal));
        Assert.Equal(2, await Own.WithDbAsync(db => db.Contributions.CountAsync()));
    }

    [Fact]
    public async Task A_confirmation_that_arrives_after_retention_deleted_its_unfinished_checkout_still_puts_the_money_in_the_ledger()
    {
        var events = await PayAsync($"late.{Guid.NewGuid():N}@example.org", "Late Payer");
        Own.Clock.Advance(Retention.UnfinishedCheckoutLifetime + TimeSpan.FromHours(1));
        await RunRetentionAsync();
        Assert.Equal(0, await Own.WithDbAsync(db => db.Checkouts.CountAsync()));

        // Stripe retried its webhook for a day (the site was down): the payment is recorded, under a supporter without an address.
        await DeliverAsync(events);
        Assert.Equal(0, await Own.WithDbAsync(db => db.PaymentEvents.CountAsync(e => e.ProcessedAt == null)));
        Assert.Equal([200L], await Own.WithDbAsync(db => db.Contributions.Select(c => c.Amount).ToListAsync()));
        var supporter = await Own.WithDbAsync(db => db.Supporters.Include(s => s.Subscriptions).SingleAsync());
        Assert.Null(supporter.EmailProtected);
        Assert.Equal((SubscriptionStatus.Active, 200L, Frequency.Monthly), (supporter.Subscriptions.Single().Status, supporter.Subscriptions.Single().Amount, supporter.Subscriptions.Single().Frequency));
    }

    /// <summary>A reader gives $2 a month through Stripe; returns the webhook events Stripe sends for it.</summary>
    private async Task<IReadOnlyList<string>> PayAsync(string email, string payerName)
    {
        using var reader = Own.CreateBrowserClient();
        using var form = await SupportDesk.SubmitAsync(Own, reader, email, "2");
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        return Stripe.Pay(form.Headers.Location!.AbsolutePath.Split('/')[^1], Now, payerName: payerName);
    }

    private Task DeliverAsync(IEnumerable<string> events) => FakeStripe.DeliverAndApplyAsync(Own, events);

    private Task<Retention.Result> RunRetentionAsync() => DataCareDesk.RunRetentionAsync(Own);
}

[Collection(SqliteCollection.Name)]
public sealed class PaymentEventPayloadTestsOnSqlite(SqliteFactory factory) : PaymentEventPayloadTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PaymentEventPayloadTestsOnPostgres(PostgresFactory factory) : PaymentEventPayloadTests(factory);
