using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Masthead.Appeals;
using Masthead.Articles;
using Masthead.Contributions;
using Masthead.Payments.Stripe;
using Masthead.Privacy;
using Masthead.Staff;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Masthead.Tests.Nodes;

/// <summary>
/// Two real Masthead processes on one PostgreSQL database behind Debian's nginx (round-robin), each with a data
/// directory of its own and the same personal-data key: an editor works through the proxy and each request may land
/// on either node; what they change on one node the other serves; a burst of Stripe webhooks spread over both lands in
/// the ledger once, even when one node is killed with SIGKILL in the middle of it.
/// </summary>
// In the PostgreSQL collection: one after another with the other PostgreSQL tests, whose real processes they would otherwise starve.
[Collection(PostgresCollection.Name)]
public sealed class TwoNodesBehindNginxTests(ITestOutputHelper output)
{
    private const int Payments = 300;
    private const int KillAfterAcknowledged = 120;
    private const string AppealPhrase = "Keep the harbour desk open";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Two_nodes_behind_nginx_share_sign_in_serve_each_others_changes_and_record_a_burst_cut_by_SIGKILL_once()
    {
        await using var own = FakeStripe.WebhooksOnly(new PostgresFactory
        {
            Settings = { ["Masthead:Privacy:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) },
        });
        var author = await EditorDesk.AddAuthorAsync(own);
        var (email, password) = await EditorDesk.AddStaffAsync(own, StaffRole.Editor);
        var checkouts = await SeedAsync(own);

        var nodes = await MastheadProcess.StartTogetherAsync(Node(own, 1), Node(own, 2));
        try
        {
            await using var proxy = await RoundRobinProxy.StartAsync(nodes.Select(n => n.Address));
            using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
            using var viaProxy = new HttpClient(handler, disposeHandler: false) { BaseAddress = proxy.Address };
            using var onOne = new HttpClient(handler, disposeHandler: false) { BaseAddress = nodes[0].Address };
            using var onTwo = new HttpClient(handler, disposeHandler: false) { BaseAddress = nodes[1].Address };

            // Signing in through the proxy: the form comes from one node, the answer from the other, and the cookie opens both.
            using (var signedIn = await Forms.PostAsync(viaProxy, "/admin/signin", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password }))
            {
                Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            }

            foreach (var client in new[] { onOne, onTwo, viaProxy, viaProxy })
            {
                using var admin = await client.GetAsync(new Uri("/admin/articles/new", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
            }

            var headline = $"Dockers vote {EditorDesk.Unique()}";
            var slug = Slugs.From(headline);
            var id = await EditorDesk.SubmitOkAsync(viaProxy, null, new ArticleInput(headline, [author]), "Publish");
            Assert.Contains(headline, await TextAsync(onOne, $"/articles/{slug}"), StringComparison.Ordinal);
            Assert.Contains(AppealPhrase, await TextAsync(onTwo, $"/articles/{slug}"), StringComparison.Ordinal);

            await EditorDesk.SubmitOkAsync(onOne, id, new ArticleInput(headline + " to strike", [author], Slug: slug), "Save");
            await StaleForAsync("edit", onTwo, $"/articles/{slug}", r => r.Body.Contains(headline + " to strike", StringComparison.Ordinal));

            using (var off = await Forms.PostAsync(onOne, "/admin/appeals", [], "/admin/appeals?handler=SwitchOff"))
            {
                Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
            }

            await StaleForAsync("appeal off", onTwo, $"/articles/{slug}", r => r.Status == HttpStatusCode.OK && !r.Body.Contains(AppealPhrase, StringComparison.Ordinal));

            await EditorDesk.SubmitOkAsync(onOne, id, new ArticleInput(headline + " to strike", [author], Slug: slug), "Unpublish");
            await StaleForAsync("unpublish", onTwo, $"/articles/{slug}", r => r.Status == HttpStatusCode.Gone);

            await BurstCutBySigkillAsync(own, nodes, proxy, checkouts);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Sends one checkout.session.completed per payment through the proxy from eight senders; kills node 2 after
    /// <see cref="KillAfterAcknowledged"/> were answered; sends the unanswered (and some answered) again until all are;
    /// then every payment is in the ledger once.
    /// </summary>
    private async Task BurstCutBySigkillAsync(PostgresFactory own, MastheadProcess[] nodes, RoundRobinProxy proxy, List<Checkout> checkouts)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var burst = checkouts.Select((c, i) => (Id: $"evt_nodes_{i}", Payload: CheckoutCompleted($"evt_nodes_{i}", now, c, i))).ToList();
        var acknowledged = new ConcurrentDictionary<string, bool>();
        var killed = false;
        for (var round = 0; round < 5 && acknowledged.Count < burst.Count; round++)
        {
            // Stripe sends again what was not answered, and, as it does, some that were: a different tenth each round.
            await FakeStripe.DeliverAllAsync(proxy.Address, burst.Where((d, i) => !acknowledged.ContainsKey(d.Id) || i % 10 == round), acknowledged, () =>
            {
                if (!Volatile.Read(ref killed) && acknowledged.Count >= KillAfterAcknowledged)
                {
                    Volatile.Write(ref killed, true);
                    nodes[1].KillHard();
                }
            }).WaitAsync(Bound);
        }

        Assert.True(killed, "The burst ended before node 2 was killed.");
        Assert.Equal(burst.Count, acknowledged.Count);
        using var viaProxy = new HttpClient { BaseAddress = proxy.Address, Timeout = TimeSpan.FromSeconds(30) };
        using (var front = await viaProxy.GetAsync(new Uri("/", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, front.StatusCode);
        }

        var waited = Stopwatch.StartNew();
        (int Stored, int Pending) inbox = default;
        while (waited.Elapsed < Bound)
        {
            inbox = await own.WithDbAsync(async db => (await db.PaymentEvents.CountAsync(), await db.PaymentEvents.CountAsync(e => e.ProcessedAt == null)));
            if (inbox.Stored == burst.Count && inbox.Pending == 0)
            {
                break;
            }

            await Task.Delay(250);
        }

        Assert.True(inbox == (burst.Count, 0), $"The inbox holds {inbox.Stored} of {burst.Count} events, {inbox.Pending} not applied.\n{nodes[0].OutputTail}");
        var ledger = await own.WithDbAsync(db => db.Contributions.AsNoTracking().Select(c => new { c.ProviderRef, c.Amount }).ToListAsync());
        Assert.Equal(
            checkouts.Select((c, i) => ($"pi_nodes_{i}", c.Amount)).Order(),
            ledger.Select(l => (l.ProviderRef, l.Amount)).Order());
        output.WriteLine($"burst: {burst.Count} events, node 2 killed after {KillAfterAcknowledged} acknowledged, {ledger.Count} ledger lines");
    }

    /// <summary>Polls <paramref name="url"/> on the node that did not make the change until it shows it; records how long that took.</summary>
    private async Task StaleForAsync(string change, HttpClient other, string url, Func<(HttpStatusCode Status, string Body), bool> changed)
    {
        var stale = Stopwatch.StartNew();
        var lastRequest = TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            var asked = stale.Elapsed;
            using var response = await other.GetAsync(new Uri(url, UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            lastRequest = stale.Elapsed - asked;
            if (changed((response.StatusCode, body)))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{change}: the other node served it after {stale.Elapsed.TotalMilliseconds:0} ms ({attempt} requests, the last taking {lastRequest.TotalMilliseconds:0} ms)"));
                return;
            }

            Assert.True(stale.Elapsed < TimeSpan.FromSeconds(10), $"The other node still served the page from before the {change} after 10 s ({attempt} tries).");
            await Task.Delay(10);
        }
    }

    private static async Task<string> TextAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The database's side before the nodes start: an active appeal and the readers' open checkouts.</summary>
    private static async Task<List<Checkout>> SeedAsync(PostgresFactory own)
    {
        var personalData = own.Services.GetRequiredService<PersonalData>();
        var checkouts = Enumerable.Range(0, Payments).Select(i => new Checkout
        {
            Provider = StripeProvider.ProviderName, ProviderSessionId = $"cs_test_nodes{i}", Frequency = Frequency.OneTime, Amount = 300 + i, Currency = "USD",
            EmailProtected = personalData.Protect($"nodes-{i}@example.org"), EmailHash = personalData.LookupHash($"nodes-{i}@example.org"),
            // The nodes run on the machine's clock, and their retention deletes a checkout unpaid a day after it was started.
            Status = CheckoutStatus.Open, CreatedAt = DateTimeOffset.UtcNow,
        }).ToList();
        await own.WithDbAsync(async db =>
        {
            db.Checkouts.AddRange(checkouts);
            db.Appeals.Add(new Appeal { Name = "Harbour desk", Edition = "en", BodyMarkdown = AppealPhrase, BodyHtml = $"<p>{AppealPhrase}</p>", IsActive = true, UpdatedAt = own.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        return checkouts;
    }

    private static string CheckoutCompleted(string id, long created, Checkout checkout, int i) => new JsonObject
    {
        ["id"] = id, ["object"] = "event", ["api_version"] = FakeStripe.ApiVersion, ["created"] = created, ["type"] = "checkout.session.completed",
        ["livemode"] = false, ["pending_webhooks"] = 1,
        ["data"] = new JsonObject
        {
            ["object"] = new JsonObject
            {
                ["id"] = checkout.ProviderSessionId, ["object"] = "checkout.session", ["mode"] = "payment", ["status"] = "complete", ["payment_status"] = "paid",
                ["client_reference_id"] = checkout.Id, ["customer"] = $"cus_nodes{i}", ["payment_intent"] = $"pi_nodes_{i}",
                ["amount_total"] = checkout.Amount, ["currency"] = "usd", ["subscription"] = null,
            },
        },
    }.ToJsonString();

    /// <summary>A node's settings: the shared ones, a data directory of its own.</summary>
    private static Dictionary<string, string?> Node(PostgresFactory own, int node)
    {
        var directory = Directory.CreateDirectory(Path.Combine(own.DataDirectory, $"node{node}")).FullName;
        return new Dictionary<string, string?>(own.AppSettings()) { ["Masthead:DataDirectory"] = directory };
    }
}
