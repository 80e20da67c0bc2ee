using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Masthead.Contributions;
using Masthead.Payments.Stripe;
using Masthead.Privacy;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Contributions;

/// <summary>
/// The fault the inbox exists for: Masthead, a real process, is killed with SIGKILL in the middle of a burst of Stripe
/// webhooks and started again on the same database. Stripe redelivers whatever was not answered 2xx (and, as it does,
/// some that were); every payment must end up in the ledger exactly once, with its amount.
/// </summary>
/// <remarks>
/// Real time here, not the injected clock: the process signs nothing and checks the signatures' timestamps against its
/// own clock, so the events are signed with the current Unix time. Processing an event needs no call to Stripe, so the
/// process's Stripe API address is a loopback port where nothing listens. The in-memory app of <c>own</c> only seeds the
/// checkouts and reads the result; its jobs wait on the fake clock, which never moves here, and on PostgreSQL its leases,
/// taken at the fake clock's time, are long expired by the processes' clock, which take them over.
/// </remarks>
public abstract class KilledMidBurstTests(MastheadFactory factory)
{
    private const int OneTimeGifts = 600;
    private const int Subscriptions = 100;
    private const int RenewalsEach = 4;
    private const int KillAfterAcknowledged = 300;
    private const int RedeliveryRounds = 5;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(180); // a ceiling for a loaded machine, not a speed check

    private sealed record Delivery(string EventId, string Payload, Line Line);

    private sealed record Line(string ProviderRef, string? SubscriptionRef, long Amount, string Currency, Frequency Frequency);

    [Fact]
    public async Task A_burst_of_payment_events_cut_by_SIGKILL_is_recorded_exactly_once_after_a_restart()
    {
        await using var own = FakeStripe.WebhooksOnly(factory.Fresh());

        var checkouts = await SeedCheckoutsAsync(own);
        var burst = Burst(checkouts);
        var acknowledged = new ConcurrentDictionary<string, bool>();

        await using (var first = await MastheadProcess.StartAsync(own.AppSettings()))
        {
            var killNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var sending = SendAsync(first, burst, acknowledged, () =>
            {
                if (acknowledged.Count >= KillAfterAcknowledged)
                {
                    killNow.TrySetResult();
                }
            });
            await Task.WhenAny(killNow.Task, sending).WaitAsync(Bound);
            first.KillHard();
            await sending.WaitAsync(Bound);
        }

        Assert.InRange(acknowledged.Count, KillAfterAcknowledged, burst.Count - 1);

        await using var second = await MastheadProcess.StartAsync(own.AppSettings());
        for (var round = 0; round < RedeliveryRounds && acknowledged.Count < burst.Count; round++)
        {
            // Stripe also sends again some that were answered: every tenth acknowledged one, a different tenth each round.
            var again = burst.Where((d, i) => !acknowledged.ContainsKey(d.EventId) || i % 10 == round).ToList();
            await SendAsync(second, again, acknowledged, () => { }).WaitAsync(Bound);
        }

        Assert.True(acknowledged.Count == burst.Count, $"{burst.Count - acknowledged.Count} events still not acknowledged after {RedeliveryRounds} rounds.\n{second.OutputTail}");
        await WaitForInboxToDrainAsync(own, burst.Count, second);

        var ledger = await own.WithDbAsync(db => db.Contributions.AsNoTracking()
            .Select(c => new Line(c.ProviderRef, c.SubscriptionRef, c.Amount, c.Currency, c.Frequency)).ToListAsync());
        Assert.Equal(burst.Count, ledger.Count);
        Assert.Equal(burst.Select(d => d.Line).OrderBy(l => l.ProviderRef, StringComparer.Ordinal), ledger.OrderBy(l => l.ProviderRef, StringComparer.Ordinal));

        var state = await own.WithDbAsync(async db => new
        {
            Completed = await db.Checkouts.CountAsync(c => c.Status == CheckoutStatus.Completed && c.SupporterId != null),
            Supporters = await db.Supporters.CountAsync(),
            Subscriptions = await db.Subscriptions.Select(s => s.Amount).OrderBy(a => a).ToListAsync(),
        });
        Assert.Equal(OneTimeGifts, state.Completed);
        Assert.Equal(OneTimeGifts + Subscriptions, state.Supporters);
        Assert.Equal(Enumerable.Range(0, Subscriptions).Select(SubscriptionAmount), state.Subscriptions);
    }

    /// <summary>The readers' open checkouts, as the contribution form leaves them before they pay on Stripe's page.</summary>
    private static async Task<List<Checkout>> SeedCheckoutsAsync(MastheadFactory own)
    {
        var personalData = own.Services.GetRequiredService<PersonalData>();
        var checkouts = Enumerable.Range(0, OneTimeGifts).Select(i =>
        {
            var email = $"burst-{i}@example.org";
            return new Checkout
            {
                Provider = StripeProvider.ProviderName, ProviderSessionId = $"cs_test_burst{i}", Frequency = Frequency.OneTime, Amount = GiftAmount(i),
                Currency = "USD", EmailProtected = personalData.Protect(email), EmailHash = personalData.LookupHash(email), Status = CheckoutStatus.Open,
                // The process runs on the machine's clock, and its retention deletes a checkout unpaid a day after it was started.
                CreatedAt = DateTimeOffset.UtcNow,
            };
        }).ToList();
        await own.WithDbAsync(async db =>
        {
            db.Checkouts.AddRange(checkouts);
            await db.SaveChangesAsync();
        });
        return checkouts;
    }

    private static long GiftAmount(int i) => 200 + i;

    private static long SubscriptionAmount(int k) => 500 + (10 * k);

    /// <summary>A thousand events, each a distinct payment: one-time gifts completing their checkout, and monthly renewals.</summary>
    private static List<Delivery> Burst(List<Checkout> checkouts)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var burst = checkouts.Select((checkout, i) => Event($"evt_burst_gift{i}", "checkout.session.completed", now, new JsonObject
        {
            ["id"] = checkout.ProviderSessionId, ["object"] = "checkout.session", ["mode"] = "payment", ["status"] = "complete", ["payment_status"] = "paid",
            ["client_reference_id"] = checkout.Id, ["customer"] = $"cus_burst_gift{i}", ["payment_intent"] = $"pi_burst{i}",
            ["amount_total"] = checkout.Amount, ["currency"] = "usd", ["subscription"] = null,
        }, new Line($"pi_burst{i}", null, checkout.Amount, "USD", Frequency.OneTime))).ToList();

        for (var renewal = 0; renewal < RenewalsEach; renewal++)
        {
            for (var k = 0; k < Subscriptions; k++)
            {
                var (invoice, subscription, amount) = ($"in_burst{k}_{renewal}", $"sub_burst{k}", SubscriptionAmount(k));
                burst.Add(Event($"evt_burst_renewal{k}_{renewal}", "invoice.paid", now, new JsonObject
                {
                    ["id"] = invoice, ["object"] = "invoice", ["customer"] = $"cus_burst_sub{k}", ["currency"] = "usd", ["amount_paid"] = amount,
                    ["status"] = "paid", ["billing_reason"] = "subscription_cycle",
                    ["parent"] = new JsonObject { ["type"] = "subscription_details", ["subscription_details"] = new JsonObject { ["subscription"] = subscription } },
                    ["lines"] = new JsonObject
                    {
                        ["object"] = "list",
                        ["data"] = new JsonArray(new JsonObject
                        {
                            ["id"] = $"il_{invoice}", ["object"] = "line_item", ["amount"] = amount, ["currency"] = "usd",
                            ["period"] = new JsonObject { ["start"] = now, ["end"] = now + (31 * 86_400) },
                        }),
                    },
                }, new Line(invoice, subscription, amount, "USD", Frequency.Monthly)));
            }
        }

        return burst;
    }

    private static Delivery Event(string id, string type, long created, JsonObject data, Line line) => new(id, new JsonObject
    {
        ["id"] = id, ["object"] = "event", ["api_version"] = FakeStripe.ApiVersion, ["created"] = created, ["type"] = type, ["livemode"] = false,
        ["pending_webhooks"] = 1, ["data"] = new JsonObject { ["object"] = data },
    }.ToJsonString(), line);

    /// <summary>Sends each delivery once; a 2xx marks it acknowledged, anything else (an error, a dead server) does not.</summary>
    private static Task SendAsync(MastheadProcess server, IReadOnlyList<Delivery> deliveries, ConcurrentDictionary<string, bool> acknowledged, Action afterEach) =>
        FakeStripe.DeliverAllAsync(server.Address, deliveries.Select(d => (d.EventId, d.Payload)), acknowledged, afterEach);

    private static async Task WaitForInboxToDrainAsync(MastheadFactory own, int expected, MastheadProcess server)
    {
        var waited = Stopwatch.StartNew();
        (int Stored, int Pending) inbox = default;
        while (waited.Elapsed < Bound)
        {
            inbox = await own.WithDbAsync(async db => (await db.PaymentEvents.CountAsync(), await db.PaymentEvents.CountAsync(e => e.ProcessedAt == null)));
            if (inbox.Stored == expected && inbox.Pending == 0)
            {
                return;
            }

            await Task.Delay(250);
        }

        var errors = await own.WithDbAsync(db => db.PaymentEvents.Where(e => e.LastError != null).Select(e => e.EventId + ": " + e.LastError).Take(5).ToListAsync());
        Assert.Fail(string.Create(CultureInfo.InvariantCulture,
            $"After {Bound.TotalSeconds} s the inbox holds {inbox.Stored} of {expected} events, {inbox.Pending} not applied. Errors: {string.Join("; ", errors)}\n{server.OutputTail}"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class KilledMidBurstTestsOnSqlite(SqliteFactory factory) : KilledMidBurstTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class KilledMidBurstTestsOnPostgres(PostgresFactory factory) : KilledMidBurstTests(factory);
