using System.Net;
using System.Text;
using Masthead.Contributions;
using Masthead.Payments.Stripe;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Contributions;

/// <summary>
/// Giving through Stripe: Masthead opens Checkout Sessions through Stripe.net against <see cref="FakeStripe"/>, and
/// Stripe's signed webhooks, delivered as Stripe sends them, decide what the ledger says.
/// </summary>
public abstract class StripeTests(MastheadFactory factory) : WithFakeStripe(factory)
{
    private static readonly string[] Names = ["anna", "boris", "chen", "dana"];

    /// <summary>The reader fills in the contribution page and is sent to Stripe; returns Masthead's checkout id and Stripe's session.</summary>
    private async Task<(string CheckoutId, string SessionId)> StartAsync(HttpClient reader, string email, string amount, string frequency = "Monthly", string currency = "USD")
    {
        using var form = await SupportDesk.SubmitAsync(Own, reader, email, amount, frequency, currency);
        Assert.True(form.StatusCode == HttpStatusCode.Redirect, $"The contribution form answered {(int)form.StatusCode}: {Html.Messages(await form.Content.ReadAsStringAsync())}");
        var sessionId = form.Headers.Location!.AbsolutePath.Split('/')[^1];
        Assert.Equal(new Uri(Stripe.ApiBase, $"c/pay/{sessionId}"), form.Headers.Location);
        return ((string)Stripe.Session(sessionId)["client_reference_id"]!, sessionId);
    }

    private Task DeliverAllAsync(IEnumerable<string> events) => FakeStripe.DeliverAndApplyAsync(Own, events);

    /// <summary>A manage session for <paramref name="email"/>, as the emailed link gives one.</summary>
    private async Task<HttpClient> ManagingAsync(string email)
    {
        var link = await Own.WithDbAsync(db => new MagicLinks(db, Own.Clock).IssueAsync(SupportDesk.HashOf(Own, email), MagicLinks.RequestedLifetime, CancellationToken.None));
        var client = Own.CreateBrowserClient();
        using var opened = await Own.PostFormAsync(client, link, []);
        Assert.Equal("/support/manage", opened.Headers.Location!.OriginalString);
        return client;
    }

    private async Task<(SubscriptionStatus, long)> SubscriptionStateAsync()
    {
        var subscription = await Own.WithDbAsync(db => db.Subscriptions.AsNoTracking().SingleAsync());
        return (subscription.Status, subscription.Amount);
    }

    protected override void Configure(MastheadFactory own)
    {
        own.Settings["Masthead:Newsroom:Editions:ru:Prefix"] = "/ru";
        own.Settings["Masthead:Newsroom:Editions:ru:NewsroomName"] = "Меридиан";
        own.Settings["Masthead:Newsroom:Editions:ar:Prefix"] = "/ar";
    }

    [Theory]
    [InlineData("", "en", "Monthly support for The Meridian")]
    [InlineData("/ru", "ru", "Меридиан: ежемесячная поддержка")]
    [InlineData("/ar", "auto", "دعم شهري لـThe Meridian")]
    public async Task Stripes_page_is_in_the_language_of_the_edition_the_reader_gave_from_where_Stripe_has_it(string prefix, string locale, string product)
    {
        using var reader = Own.CreateBrowserClient();
        using var form = await Own.PostFormAsync(reader, prefix + "/support", new Dictionary<string, string>
        {
            ["Form.Frequency"] = "Monthly",
            ["Form.Currency"] = "USD",
            ["Form.Amount"] = "other",
            ["Form.OtherAmount"] = "3",
            ["Form.Email"] = $"reader-{Guid.NewGuid():N}@example.org",
            ["Form.Name"] = "",
            ["Form.Anonymous"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);

        var call = Stripe.Calls.Single(c => c.Path == "/v1/checkout/sessions");
        Assert.Equal(locale, call.Form["locale"]);
        Assert.Equal(product, call.Form["line_items[0][price_data][product_data][name]"]);
        Assert.StartsWith($"https://localhost{prefix}/support/thanks/", call.Form["success_url"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_dollars_a_month_opens_a_subscription_checkout_and_the_webhooks_make_a_supporter()
    {
        using var reader = Own.CreateBrowserClient(out var cookies);
        var email = $"reader-{Guid.NewGuid():N}@example.org";
        var (checkoutId, sessionId) = await StartAsync(reader, email, "2");

        var call = Stripe.Calls.Single(c => c.Path == "/v1/checkout/sessions");
        Assert.Equal("subscription", call.Form["mode"]);
        Assert.Equal("200", call.Form["line_items[0][price_data][unit_amount]"]);
        Assert.Equal("usd", call.Form["line_items[0][price_data][currency]"]);
        Assert.Equal("month", call.Form["line_items[0][price_data][recurring][interval]"]);
        Assert.Equal(checkoutId, call.Form["client_reference_id"]);
        Assert.Equal(email, call.Form["customer_email"]);
        Assert.Equal($"https://localhost/support/thanks/{checkoutId}", call.Form["success_url"]);
        Assert.Equal(checkoutId, call.Form[$"subscription_data[metadata][{StripeProvider.CheckoutKey}]"]);
        Assert.Equal("masthead-checkout-" + checkoutId, call.IdempotencyKey);

        // Back from Stripe before its webhook: the page waits for the confirmation instead of claiming it.
        var early = await Own.GetPageAsync(reader, $"/support/thanks/{checkoutId}");
        Assert.Equal("Confirming your payment…", early.QuerySelector("h1")!.TextContent);
        Assert.Null(cookies[SupporterPass.CookieName]);

        await DeliverAllAsync(Stripe.Pay(sessionId, Now));
        var thanks = await Own.GetPageAsync(reader, $"/support/thanks/{checkoutId}");
        Assert.Equal("Thank you", thanks.QuerySelector("h1")!.TextContent);
        Assert.NotNull(cookies[SupporterPass.CookieName]);

        var ledger = await Own.WithDbAsync(async db => new
        {
            Lines = await db.Contributions.Select(c => new { c.Provider, c.Amount, c.Currency, c.Frequency, c.Kind }).ToListAsync(),
            Subscription = await db.Subscriptions.SingleAsync(),
            Checkout = await db.Checkouts.SingleAsync(),
        });
        Assert.Equal([new { Provider = "stripe", Amount = 200L, Currency = "USD", Frequency = Frequency.Monthly, Kind = ContributionKind.Payment }], ledger.Lines);
        Assert.Equal((SubscriptionStatus.Active, 200L, "USD", Frequency.Monthly), (ledger.Subscription.Status, ledger.Subscription.Amount, ledger.Subscription.Currency, ledger.Subscription.Frequency));
        Assert.Equal(CheckoutStatus.Completed, ledger.Checkout.Status);
        Assert.Equal(sessionId, ledger.Checkout.ProviderSessionId);
    }

    [Fact]
    public async Task A_one_time_gift_is_a_payment_mode_session_without_a_recurring_price()
    {
        using var reader = Own.CreateBrowserClient();
        var (checkoutId, sessionId) = await StartAsync(reader, $"once-{Guid.NewGuid():N}@example.org", "10", "OneTime", "EUR");

        var call = Stripe.Calls.Single(c => c.Path == "/v1/checkout/sessions");
        Assert.Equal("payment", call.Form["mode"]);
        Assert.Equal("1000", call.Form["line_items[0][price_data][unit_amount]"]);
        Assert.Equal("eur", call.Form["line_items[0][price_data][currency]"]);
        Assert.DoesNotContain(call.Form.Keys, k => k.Contains("recurring", StringComparison.Ordinal) || k.StartsWith("subscription_data", StringComparison.Ordinal));
        Assert.Equal("always", call.Form["customer_creation"]);

        await DeliverAllAsync(Stripe.Pay(sessionId, Now));
        var thanks = await Own.GetPageAsync(reader, $"/support/thanks/{checkoutId}");
        Assert.Contains("€10", thanks.QuerySelector(".standfirst")!.TextContent);
        var line = await Own.WithDbAsync(db => db.Contributions.SingleAsync());
        Assert.Equal((1000L, "EUR", Frequency.OneTime, (string?)null), (line.Amount, line.Currency, line.Frequency, line.SubscriptionRef));
        Assert.Equal(0, await Own.WithDbAsync(db => db.Subscriptions.CountAsync()));
    }

    [Fact]
    public async Task Calls_that_are_unsigned_stale_tampered_or_signed_with_another_secret_are_refused_with_400_and_nothing_is_stored()
    {
        using var reader = Own.CreateBrowserClient();
        var (_, sessionId) = await StartAsync(reader, $"sig-{Guid.NewGuid():N}@example.org", "5");
        var payload = Stripe.Pay(sessionId, Now)[^1];
        var body = Encoding.UTF8.GetBytes(payload);
        var t = Now.ToUnixTimeSeconds();
        var good = StripeSigning.HeaderFor(body, t, FakeStripe.WebhookSecret);
        using var webhook = Own.CreateClient();

        async Task<(HttpStatusCode Status, string Body)> PostAsync(string content, string? header)
        {
            using var response = await FakeStripe.PostAsync(webhook, Encoding.UTF8.GetBytes(content), header);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var refused = new (string Why, string Content, string? Header, string Message)[]
        {
            ("no header", payload, null, "header is missing"),
            ("no v1", payload, $"t={t}", "no timestamp or no v1 signature"),
            ("no timestamp", payload, good[good.IndexOf("v1=", StringComparison.Ordinal)..], "no timestamp or no v1 signature"),
            ("garbage", payload, "t=yesterday,v1=zz", "no timestamp or no v1 signature"),
            ("tampered body", payload.Replace("\"amount_total\":500", "\"amount_total\":50000", StringComparison.Ordinal), good, "No v1 signature matches"),
            ("another secret", payload, StripeSigning.HeaderFor(body, t, "whsec_someone_else"), "No v1 signature matches"),
            ("stale", payload, StripeSigning.HeaderFor(body, t - 301, FakeStripe.WebhookSecret), "outside the tolerance window"),
            ("from the future", payload, StripeSigning.HeaderFor(body, t + 301, FakeStripe.WebhookSecret), "outside the tolerance window"),
        };
        foreach (var (why, content, header, message) in refused)
        {
            var (status, answer) = await PostAsync(content, header);
            Assert.True(status == HttpStatusCode.BadRequest, $"{why}: answered {(int)status}");
            Assert.Contains(message, answer, StringComparison.Ordinal);
        }

        var notAnEvent = """{"object":"charge","id":"ch_1"}""";
        var (notEventStatus, _) = await PostAsync(notAnEvent, StripeSigning.HeaderFor(Encoding.UTF8.GetBytes(notAnEvent), t, FakeStripe.WebhookSecret));
        Assert.Equal(HttpStatusCode.BadRequest, notEventStatus);
        Assert.Equal(0, await Own.WithDbAsync(db => db.PaymentEvents.CountAsync()));

        // Within the window, and signed while the secret is being rolled (two v1 signatures): accepted, and stored once however often it comes.
        var rolled = $"t={t - 299},v1={new string('0', 64)},v1={StripeSigning.Sign(body, t - 299, FakeStripe.WebhookSecret)}";
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(payload, rolled)).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(payload, good)).Status);
        Assert.Equal(1, await Own.WithDbAsync(db => db.PaymentEvents.CountAsync()));
    }

    [Fact]
    public async Task Every_webhook_of_several_supporters_histories_delivered_three_times_shuffled_gives_exactly_the_right_ledger()
    {
        // Anna: $5 a month, renewed twice. Boris: €20 once, then €5 and €3 refunded. Chen: $2 a month, a failed
        // renewal, then cancelled at Stripe. Dana: $50 a year.
        using var reader = Own.CreateBrowserClient();
        var emails = Names.Select(n => $"{n}-{Guid.NewGuid():N}@example.org").ToArray();
        var (_, anna) = await StartAsync(reader, emails[0], "5");
        var (_, boris) = await StartAsync(reader, emails[1], "20", "OneTime", "EUR");
        var (_, chen) = await StartAsync(reader, emails[2], "2");
        var (_, dana) = await StartAsync(reader, emails[3], "50", "Annual");
        var t0 = Now;
        var events = new List<string>();
        events.AddRange(Stripe.Pay(anna, t0));
        var annaSub = (string)Stripe.Session(anna)["subscription"]!;
        events.Add(Stripe.Renew(annaSub, t0.AddMonths(1)));
        events.Add(Stripe.Renew(annaSub, t0.AddMonths(2)));
        events.AddRange(Stripe.Pay(boris, t0.AddMinutes(5)));
        var borisSession = Stripe.Session(boris);
        events.Add(Stripe.Refund((string)borisSession["payment_intent"]!, (string)borisSession["customer"]!, 500, "eur", t0.AddDays(3)));
        events.Add(Stripe.Refund((string)borisSession["payment_intent"]!, (string)borisSession["customer"]!, 300, "eur", t0.AddDays(4)));
        events.AddRange(Stripe.Pay(chen, t0.AddMinutes(10)));
        var chenSub = (string)Stripe.Session(chen)["subscription"]!;
        events.AddRange(Stripe.FailRenewal(chenSub, t0.AddMonths(1)));
        events.Add(Stripe.CancelAtStripe(chenSub, t0.AddMonths(1).AddDays(3)));
        events.AddRange(Stripe.Pay(dana, t0.AddMinutes(15)));

        var random = new Random(20261126);
        var deliveries = events.SelectMany(e => Enumerable.Repeat(e, 3)).OrderBy(_ => random.Next()).ToList();
        using (var webhook = Own.CreateClient())
        {
            await Parallel.ForEachAsync(deliveries.Chunk((deliveries.Count + 3) / 4), async (chunk, _) =>
            {
                foreach (var payload in chunk)
                {
                    using var response = await FakeStripe.DeliverAsync(webhook, payload, Now);
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                }
            });
        }

        await Own.ApplyPaymentEventsAsync();

        var hashes = emails.Select(e => SupportDesk.HashOf(Own, e)).ToArray();
        var result = await Own.WithDbAsync(async db => new
        {
            Events = await db.PaymentEvents.CountAsync(),
            Pending = await db.PaymentEvents.CountAsync(e => e.ProcessedAt == null),
            Supporters = await db.Supporters.OrderBy(s => s.Id).Select(s => s.EmailHash).ToListAsync(),
            Lines = await db.Contributions.Join(db.Supporters, c => c.SupporterId, s => s.Id, (c, s) => new { s.EmailHash, c.Amount, c.Currency, c.Frequency, c.Kind }).ToListAsync(),
            Subscriptions = await db.Subscriptions.Join(db.Supporters, c => c.SupporterId, s => s.Id, (c, s) => new { s.EmailHash, c.Status, c.Amount, c.Frequency }).ToListAsync(),
            Completed = await db.Checkouts.CountAsync(c => c.Status == CheckoutStatus.Completed),
        });
        Assert.Equal(events.Count, result.Events);
        Assert.Equal(0, result.Pending);
        Assert.Equal(hashes.Order(), result.Supporters.Order());
        Assert.Equal(4, result.Completed);
        string Who(string hash) => Names[Array.IndexOf(hashes, hash)];
        Assert.Equal(
            [
                ("anna", 500L, "USD", Frequency.Monthly, ContributionKind.Payment), ("anna", 500L, "USD", Frequency.Monthly, ContributionKind.Payment),
                ("anna", 500L, "USD", Frequency.Monthly, ContributionKind.Payment),
                ("boris", -500L, "EUR", Frequency.OneTime, ContributionKind.Refund), ("boris", -300L, "EUR", Frequency.OneTime, ContributionKind.Refund),
                ("boris", 2000L, "EUR", Frequency.OneTime, ContributionKind.Payment),
                ("chen", 200L, "USD", Frequency.Monthly, ContributionKind.Payment),
                ("dana", 5000L, "USD", Frequency.Annual, ContributionKind.Payment),
            ],
            result.Lines.Select(l => (Who(l.EmailHash!), l.Amount, l.Currency, l.Frequency, l.Kind)).Order());
        Assert.Equal(
            [("anna", SubscriptionStatus.Active, 500L, Frequency.Monthly), ("chen", SubscriptionStatus.Canceled, 200L, Frequency.Monthly), ("dana", SubscriptionStatus.Active, 5000L, Frequency.Annual)],
            result.Subscriptions.Select(s => (Who(s.EmailHash!), s.Status, s.Amount, s.Frequency)).Order());
    }

    [Fact]
    public async Task On_the_manage_page_a_stripe_supporter_changes_the_amount_cancels_and_reaches_stripe_s_portal()
    {
        using var reader = Own.CreateBrowserClient();
        var email = $"manage-{Guid.NewGuid():N}@example.org";
        var (_, sessionId) = await StartAsync(reader, email, "5");
        await DeliverAllAsync(Stripe.Pay(sessionId, Now));
        var subscriptionId = (string)Stripe.Session(sessionId)["subscription"]!;
        using var supporter = await ManagingAsync(email);
        var manage = await Own.GetPageAsync(supporter, "/support/manage");
        var id = manage.QuerySelector("input[name=subscription]")!.GetAttribute("value")!;

        using (var changed = await Own.PostFormAsync(supporter, "/support/manage", [new("subscription", id), new("NewAmount", "8")], "/support/manage?handler=Change"))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        var update = Stripe.Calls.Single(c => c.Method == "POST" && c.Path == $"/v1/subscriptions/{subscriptionId}");
        Assert.Equal("800", update.Form["items[0][price_data][unit_amount]"]);
        Assert.Equal("none", update.Form["proration_behavior"]);
        Assert.Equal("$8 a month", (await Own.GetPageAsync(supporter, "/support/manage")).QuerySelector(".subscription h2")!.TextContent);

        Assert.NotNull(manage.QuerySelector(".manage-portal button"));
        using (var portal = await Own.PostFormAsync(supporter, "/support/manage", [], "/support/manage?handler=Portal"))
        {
            Assert.Equal(HttpStatusCode.Redirect, portal.StatusCode);
            Assert.StartsWith(new Uri(Stripe.ApiBase, "p/session/bps_").ToString(), portal.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        var portalCall = Stripe.Calls.Single(c => c.Path == "/v1/billing_portal/sessions");
        Assert.Equal((string)Stripe.Session(sessionId)["customer"]!, portalCall.Form["customer"]);
        Assert.Equal("https://localhost/support/manage", portalCall.Form["return_url"]);

        using (var cancelled = await Own.PostFormAsync(supporter, "/support/manage", [new("subscription", id)], "/support/manage?handler=Cancel"))
        {
            Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        }

        Assert.Contains(Stripe.Calls, c => c.Method == "DELETE" && c.Path == $"/v1/subscriptions/{subscriptionId}");
        Assert.Equal("Cancelled", (await Own.GetPageAsync(supporter, "/support/manage")).QuerySelector(".subscription .status")!.TextContent);

        // Stripe's own webhook for the same cancellation arrives afterwards and changes nothing.
        await DeliverAllAsync([Stripe.CancelAtStripe(subscriptionId, Now)]);

        Assert.Equal((SubscriptionStatus.Canceled, 800L), await SubscriptionStateAsync());
    }

    [Fact]
    public async Task Half_a_stripe_configuration_stops_the_start_with_a_message_naming_each_missing_setting()
    {
        await using var half = Own.Fresh();
        half.Settings["Masthead:Payments:Provider"] = "stripe";
        half.Settings["Masthead:Stripe:SecretKey"] = "pk_live_not_a_secret_key";
        var refusal = StartChecks.Refusal(half);
        Assert.Contains("Masthead:Stripe:SecretKey must be a Stripe secret key", refusal, StringComparison.Ordinal);
        Assert.Contains("Masthead:Stripe:WebhookSecret must be", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_stripe_is_down_the_reader_gets_a_plain_503_with_everything_typed_and_nothing_changes()
    {
        using var reader = Own.CreateBrowserClient();
        var email = $"down-{Guid.NewGuid():N}@example.org";
        var (_, sessionId) = await StartAsync(reader, email, "5");
        await DeliverAllAsync(Stripe.Pay(sessionId, Now));
        using var supporter = await ManagingAsync(email);
        var id = (await Own.GetPageAsync(supporter, "/support/manage")).QuerySelector("input[name=subscription]")!.GetAttribute("value")!;

        Stripe.FailWith = HttpStatusCode.InternalServerError;
        using (var form = await SupportDesk.SubmitAsync(Own, reader, "typed@example.org", "7"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, form.StatusCode);
            var page = await Html.ParseAsync(form);
            Assert.Contains("could not be reached", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
            Assert.Equal("typed@example.org", page.QuerySelector("input[name='Form.Email']")!.GetAttribute("value"));
            Assert.Equal("7", page.QuerySelector("input[name='Form.OtherAmount']")!.GetAttribute("value"));
        }

        foreach (var (handler, fields) in new (string, KeyValuePair<string, string>[])[]
        {
            ("Cancel", [new("subscription", id)]), ("Change", [new("subscription", id), new("NewAmount", "9")]), ("Portal", []),
        })
        {
            using var refused = await Own.PostFormAsync(supporter, "/support/manage", fields, $"/support/manage?handler={handler}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Contains("nothing was changed", Html.Messages(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.Equal((SubscriptionStatus.Active, 500L), await SubscriptionStateAsync());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class StripeTestsOnSqlite(SqliteFactory factory) : StripeTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class StripeTestsOnPostgres(PostgresFactory factory) : StripeTests(factory);
