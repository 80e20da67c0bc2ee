using Masthead.Contributions;
using Masthead.Payments.Sandbox;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Contributions;

/// <summary>Payment events arrive out of order, twice, and in parallel; the ledger must come out exactly right anyway.</summary>
public abstract class LedgerReplayTests(MastheadFactory factory)
{
    private static readonly DateTimeOffset T0 = new(2026, 9, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Three supporters' whole histories, as the provider would report them.</summary>
    private static List<(string Id, SandboxEvent Event)> Histories(string run)
    {
        SandboxEvent Paid(string customer, string? sub, string payment, long amount, Frequency frequency, int days, string type = "invoice.paid", string? checkout = null) =>
            new(type, customer, T0.AddDays(days), Checkout: checkout, Subscription: sub, Payment: payment, Amount: amount, Currency: "USD", Frequency: frequency);
        var (anna, boris, chen) = ($"cus_a_{run}", $"cus_b_{run}", $"cus_c_{run}");
        return
        [
            // Anna: $5 a month, renewed twice, the first payment refunded.
            ($"a1{run}", Paid(anna, $"sub_a_{run}", $"pay_a1_{run}", 500, Frequency.Monthly, 0, "checkout.completed", $"checkout-a-{run}")),
            ($"a2{run}", Paid(anna, $"sub_a_{run}", $"pay_a2_{run}", 500, Frequency.Monthly, 30)),
            ($"a3{run}", Paid(anna, $"sub_a_{run}", $"pay_a3_{run}", 500, Frequency.Monthly, 60)),
            ($"a4{run}", new SandboxEvent("charge.refunded", anna, T0.AddDays(61), Payment: $"pay_a1_{run}", Amount: 500, Currency: "USD")),
            // Boris: $10 once.
            ($"b1{run}", Paid(boris, null, $"pay_b1_{run}", 1000, Frequency.OneTime, 5, "checkout.completed", $"checkout-b-{run}")),
            // Chen: $2 a month, a failed renewal, then cancelled; a stale "active" update arrives late.
            ($"c1{run}", Paid(chen, $"sub_c_{run}", $"pay_c1_{run}", 200, Frequency.Monthly, 10, "checkout.completed", $"checkout-c-{run}")),
            ($"c2{run}", new SandboxEvent("invoice.payment_failed", chen, T0.AddDays(40), Subscription: $"sub_c_{run}")),
            ($"c3{run}", new SandboxEvent("subscription.updated", chen, T0.AddDays(45), Subscription: $"sub_c_{run}", Status: SubscriptionStatus.Canceled)),
            ($"c4{run}", new SandboxEvent("subscription.updated", chen, T0.AddDays(20), Subscription: $"sub_c_{run}", Status: SubscriptionStatus.Active)),
        ];
    }

    [Fact]
    public async Task Every_event_delivered_three_times_shuffled_and_in_parallel_gives_exactly_the_right_ledger()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        await factory.WithDbAsync(async db =>
        {
            foreach (var (name, frequency, amount) in new[] { ("a", Frequency.Monthly, 500L), ("b", Frequency.OneTime, 1000L), ("c", Frequency.Monthly, 200L) })
            {
                db.Checkouts.Add(new Checkout
                {
                    Id = $"checkout-{name}-{run}", Provider = SandboxProvider.ProviderName, Frequency = frequency, Amount = amount, Currency = "USD",
                    EmailProtected = "x", EmailHash = $"hash-{name}-{run}", CreatedAt = T0,
                });
            }

            await db.SaveChangesAsync();
        });
        var deliveries = Histories(run).SelectMany(e => Enumerable.Repeat(e, 3)).ToList();
        var random = new Random(20261125);
        deliveries = [.. deliveries.OrderBy(_ => random.Next())];

        // Four deliverers at once, each storing and processing as a webhook handler would.
        await Parallel.ForEachAsync(deliveries.Chunk((deliveries.Count + 3) / 4), async (chunk, cancellationToken) =>
        {
            foreach (var (id, sandboxEvent) in chunk)
            {
                await using var scope = factory.Services.CreateAsyncScope();
                var inbox = scope.ServiceProvider.GetRequiredService<PaymentInbox>();
                await inbox.RecordAsync(SandboxProvider.ProviderName, id, sandboxEvent.Type, SandboxProvider.Payload(sandboxEvent), cancellationToken);
                await inbox.ProcessPendingAsync(cancellationToken);
            }
        });
        await factory.ApplyPaymentEventsAsync();

        var result = await factory.WithDbAsync(async db => new
        {
            Events = await db.PaymentEvents.Where(e => e.EventId.EndsWith(run)).CountAsync(),
            Pending = await db.PaymentEvents.Where(e => e.EventId.EndsWith(run) && e.ProcessedAt == null).CountAsync(),
            Lines = await db.Contributions.Where(c => c.ProviderRef.EndsWith(run)).OrderBy(c => c.ProviderRef).Select(c => new { c.ProviderRef, c.Amount }).ToListAsync(),
            Anna = await db.Subscriptions.SingleAsync(s => s.ProviderRef == $"sub_a_{run}"),
            Chen = await db.Subscriptions.SingleAsync(s => s.ProviderRef == $"sub_c_{run}"),
            Supporters = await db.Supporters.CountAsync(s => s.CustomerRef.EndsWith(run)),
            Completed = await db.Checkouts.CountAsync(c => c.Id.EndsWith(run) && c.Status == CheckoutStatus.Completed && c.SupporterId != null),
        });
        Assert.Equal(9, result.Events);
        Assert.Equal(0, result.Pending);
        Assert.Equal(
            [($"pay_a1_{run}", 500L), ($"pay_a2_{run}", 500L), ($"pay_a3_{run}", 500L), ($"pay_b1_{run}", 1000L), ($"pay_c1_{run}", 200L), ($"re_pay_a1_{run}", -500L)],
            result.Lines.Select(l => (l.ProviderRef, l.Amount)));
        Assert.Equal(SubscriptionStatus.Active, result.Anna.Status);
        Assert.Equal(SubscriptionStatus.Canceled, result.Chen.Status);
        Assert.Equal(3, result.Supporters);
        Assert.Equal(3, result.Completed);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LedgerReplayTestsOnSqlite(SqliteFactory factory) : LedgerReplayTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class LedgerReplayTestsOnPostgres(PostgresFactory factory) : LedgerReplayTests(factory);
