using System.Net;
using System.Text;
using Masthead.Contributions;
using Masthead.Payments.Stripe;
using Masthead.Tests.Articles;
using Masthead.Tests.Contributions;
using Masthead.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Hostile;

/// <summary>
/// Payment events replayed, reordered, mis-signed, or signed but hostile inside (what a leaked secret would allow):
/// never a 500, nothing stored that was not signed, and the ledger only ever says what Stripe's real events say.
/// <see cref="StripeTests"/> already covers unsigned, stale, tampered and other-secret calls and shuffled redelivery.
/// </summary>
public abstract class HostileWebhookTests(MastheadFactory factory) : WithFakeStripe(factory)
{
    private string Signed(byte[] body, long? at = null) => StripeSigning.HeaderFor(body, at ?? Now.ToUnixTimeSeconds(), FakeStripe.WebhookSecret);

    [Fact]
    public async Task Replayed_reordered_mis_signed_and_hostile_signed_events_never_get_a_500_and_the_ledger_stays_true()
    {
        using var reader = Own.CreateBrowserClient();
        using var form = await SupportDesk.SubmitAsync(Own, reader, $"hook-{Guid.NewGuid():N}@example.org", "5");
        var sessionId = form.Headers.Location!.AbsolutePath.Split('/')[^1];
        var now = Now;
        var events = Stripe.Pay(sessionId, now);
        using var webhook = Own.CreateClient();
        var failures = new Failures();

        // Reordered: Stripe's events for one payment, newest first, each twice.
        foreach (var payload in events.Reverse().SelectMany(e => new[] { e, e }))
        {
            using var response = await FakeStripe.DeliverAsync(webhook, payload, now);
            await failures.ExpectStatusAsync("reordered", "delivering", response, HttpStatusCode.OK);
        }

        await Own.ApplyPaymentEventsAsync();
        var stored = await Own.WithDbAsync(db => db.PaymentEvents.CountAsync());
        Assert.Equal(events.Count, stored);

        // Replayed later: the captured delivery, byte for byte, ten minutes on.
        var captured = Encoding.UTF8.GetBytes(events[^1]);
        var capturedSignature = Signed(captured);
        Own.Clock.Advance(TimeSpan.FromMinutes(10));
        using (var replayed = await FakeStripe.PostAsync(webhook, captured, capturedSignature))
        {
            await failures.ExpectStatusAsync("replayed after ten minutes", "delivering", replayed, HttpStatusCode.BadRequest);
        }

        var body = Encoding.UTF8.GetBytes(events[^1]);
        var t = Now.ToUnixTimeSeconds();
        var signature = StripeSigning.Sign(body, t, FakeStripe.WebhookSecret);
        var misSigned = new (string Name, string Header)[]
        {
            ("signature in upper case", $"t={t},v1={signature.ToUpperInvariant()}"),
            ("v0 scheme only", $"t={t},v0={signature}"),
            ("signature cut short", $"t={t},v1={signature[..32]}"),
            ("signature not hex", $"t={t},v1={new string('z', 64)}"),
            ("a thousand wrong signatures", $"t={t}," + string.Join(',', Enumerable.Repeat("v1=" + new string('0', 64), 1000))),
            ("a negative time", $"t=-{t},v1={signature}"),
            ("a time beyond any date", $"t=99999999999999999999,v1={signature}"),
            ("two times", $"t=1,t={t},v1={signature}"),
            ("spaces and empty parts", $" t = {t} ,, v1 = {signature} ,"),
            ("a header of 20000 characters", $"t={t},v1={new string('a', 20_000)}"),
            ("SQL", $"t={t},v1=' OR 1=1 --"),
        };
        foreach (var (name, header) in misSigned)
        {
            failures.Count();
            using var response = await FakeStripe.PostAsync(webhook, body, header);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add(name, $"answered {(int)response.StatusCode}");
            }
        }

        // Signed with the real secret, but not what Stripe sends: only a leaked secret makes these, and they must still not break anything.
        var hostile = new (string Name, byte[] Body, HttpStatusCode Expected)[]
        {
            ("an id with NUL", Encoding.UTF8.GetBytes("""{"object":"event","id":"evt_\u0000x","type":"charge.refunded","data":{"object":{}}}"""), HttpStatusCode.BadRequest),
            ("an id with control characters", Encoding.UTF8.GetBytes("""{"object":"event","id":"evt_\u001b[31m","type":"charge.refunded","data":{"object":{}}}"""), HttpStatusCode.BadRequest),
            ("an id of 300 characters", Encoding.UTF8.GetBytes("""{"object":"event","id":"ID","type":"charge.refunded","data":{"object":{}}}""".Replace("ID", new string('e', 300), StringComparison.Ordinal)), HttpStatusCode.BadRequest),
            ("a type that is a number", Encoding.UTF8.GetBytes("""{"object":"event","id":"evt_number_type","type":5,"data":{"object":{}}}"""), HttpStatusCode.BadRequest),
            ("JSON nested 5000 deep", Encoding.UTF8.GetBytes("""{"object":"event","id":"evt_deep","type":"x","data":""" + new string('[', 5000) + new string(']', 5000) + "}"), HttpStatusCode.BadRequest),
            ("not UTF-8", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("""{"object":"event","id":"evt_utf16","type":"x"}""")], HttpStatusCode.BadRequest),
            ("an empty body", [], HttpStatusCode.BadRequest),
            ("an array", "[1,2,3]"u8.ToArray(), HttpStatusCode.BadRequest),
            ("a checkout for a checkout that does not exist", Encoding.UTF8.GetBytes("""{"object":"event","id":"evt_ghost","type":"checkout.session.completed","created":1,"data":{"object":{"id":"cs_ghost","object":"checkout.session","client_reference_id":"' OR 1=1 --","amount_total":-500,"currency":"<script>","mode":"payment","payment_status":"paid","customer":"cus_ghost"}}}"""), HttpStatusCode.OK),
            ("a refund of an unknown payment in a made-up currency", Encoding.UTF8.GetBytes("""{"object":"event","id":"evt_refund_ghost","type":"charge.refunded","created":1,"data":{"object":{"id":"ch_ghost","object":"charge","payment_intent":"pi_ghost","customer":"cus_ghost","amount":1e30,"amount_refunded":-1,"currency":"xx\u0000","refunds":{"data":[{"id":"re_ghost","amount":99999999999999999999,"currency":"<b>"}]}}}}"""), HttpStatusCode.OK),
            ("an invoice paid with no subscription", Encoding.UTF8.GetBytes("""{"object":"event","id":"evt_invoice_ghost","type":"invoice.paid","created":1,"data":{"object":{"id":"in_ghost","object":"invoice","amount_paid":"five","currency":null,"customer":null}}}"""), HttpStatusCode.OK),
        };
        var contributions = await Own.WithDbAsync(db => db.Contributions.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Amount, c.Currency, c.Kind }).ToListAsync());
        foreach (var (name, hostileBody, expected) in hostile)
        {
            failures.Count();
            using var response = await FakeStripe.PostAsync(webhook, hostileBody, Signed(hostileBody));
            await failures.ExpectStatusAsync(name, "delivering", response, expected);
        }

        await Own.ApplyPaymentEventsAsync();
        var after = await Own.WithDbAsync(db => db.Contributions.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Amount, c.Currency, c.Kind }).ToListAsync());
        Assert.Equal(contributions, after);
        Assert.Single(after);
        Assert.Equal(events.Count + hostile.Count(h => h.Expected == HttpStatusCode.OK), await Own.WithDbAsync(db => db.PaymentEvents.CountAsync()));
        failures.AssertNone(misSigned.Length + hostile.Length);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HostileWebhookTestsOnSqlite(SqliteFactory factory) : HostileWebhookTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class HostileWebhookTestsOnPostgres(PostgresFactory factory) : HostileWebhookTests(factory);

/// <summary>
/// Oversized headers, addresses and bodies against a real Kestrel (the in-memory test server enforces none of
/// Kestrel's limits): each is refused with a 4xx before the app works on it, and the app goes on answering.
/// </summary>
public sealed class HostileRequestLimitsTests
{
    [Fact]
    public async Task Oversized_headers_addresses_and_bodies_are_refused_by_kestrel_with_a_4xx_and_the_site_carries_on()
    {
        await using var own = new SqliteFactory();
        own.UseKestrel(0);
        own.StartServer();
        var address = own.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        var failures = new Failures();

        async Task ExpectAsync(string name, HttpRequestMessage request, params HttpStatusCode[] allowed)
        {
            failures.Count();
            try
            {
                using var response = await client.SendAsync(request);
                await failures.ExpectStatusAsync(name, "the request", response, allowed);
            }
            catch (HttpRequestException exception)
            {
                // Kestrel may close the connection after its answer while the client is still sending the body.
                if (allowed.Contains(HttpStatusCode.RequestEntityTooLarge) && exception.InnerException is IOException)
                {
                    return;
                }

                failures.Add(name, $"the connection failed: {exception.Message}");
            }
            finally
            {
                request.Dispose();
            }
        }

        var bigHeader = new HttpRequestMessage(HttpMethod.Get, "/");
        bigHeader.Headers.TryAddWithoutValidation("X-Padding", new string('a', 64 * 1024));
        await ExpectAsync("a 64 KB header", bigHeader, HttpStatusCode.RequestHeaderFieldsTooLarge);

        var bigCookie = new HttpRequestMessage(HttpMethod.Get, "/articles/x");
        bigCookie.Headers.TryAddWithoutValidation("Cookie", "mh_supporter=" + new string('a', 40 * 1024));
        await ExpectAsync("a 40 KB cookie", bigCookie, HttpStatusCode.RequestHeaderFieldsTooLarge);

        var manyHeaders = new HttpRequestMessage(HttpMethod.Get, "/");
        for (var i = 0; i < 200; i++)
        {
            manyHeaders.Headers.TryAddWithoutValidation($"X-H{i}", "x");
        }

        await ExpectAsync("200 headers", manyHeaders, HttpStatusCode.RequestHeaderFieldsTooLarge);
        await ExpectAsync("a 20 KB address", new HttpRequestMessage(HttpMethod.Get, "/articles/" + new string('a', 20 * 1024)), HttpStatusCode.RequestUriTooLong);
        await ExpectAsync("a 9 MB form", new HttpRequestMessage(HttpMethod.Post, "/support") { Content = new ByteArrayContent(new byte[9 * 1024 * 1024]) { Headers = { ContentType = new("application/x-www-form-urlencoded") } } },
            HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.BadRequest);
        await ExpectAsync("a 9 MB upload", new HttpRequestMessage(HttpMethod.Post, "/admin/articles/new") { Content = new ByteArrayContent(new byte[9 * 1024 * 1024]) { Headers = { ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x") } } },
            HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.BadRequest, HttpStatusCode.Found);
        await ExpectAsync("a 2 MB webhook", new HttpRequestMessage(HttpMethod.Post, StripeWebhook.Path) { Content = new ByteArrayContent(new byte[2 * 1024 * 1024]) },
            HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.NotFound);

        using var after = await client.GetAsync(new Uri("/support", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        failures.AssertNone(7);
    }

    [Fact]
    public async Task A_form_body_over_the_limit_is_a_4xx_with_a_message_in_the_test_server_too()
    {
        await using var own = new SqliteFactory();
        using var editor = await EditorDesk.SignedInAsAsync(own, Masthead.Staff.StaffRole.Editor);
        var author = await EditorDesk.AddAuthorAsync(own);
        using var response = await EditorDesk.SubmitAsync(editor, null, new ArticleInput("Too big", [author]), "Save",
            new Upload("big.png", "image/png", [.. TestImages.Png, .. new byte[(int)Masthead.Web.WebSetup.MaxRequestBytes]]));
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"answered {(int)response.StatusCode}");
    }
}
