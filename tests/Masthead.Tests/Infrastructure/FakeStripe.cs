using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Masthead.Payments.Stripe;
using Masthead.Tests.Contributions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Masthead.Tests.Infrastructure;

/// <summary>
/// Stripe's API as far as Masthead calls it, on a local port, since Stripe's servers cannot be reached from tests:
/// Checkout Sessions, subscriptions (list, read, update, cancel) and customer-portal sessions, answering with objects shaped
/// as Stripe documents them (API version 2026-10-28). It also plays Stripe's side of a payment: <see cref="Pay"/> and the
/// other event makers return the webhook events Stripe would send, and <see cref="DeliverAsync"/> posts one signed with
/// the documented v1 scheme.
/// </summary>
public sealed class FakeStripe : IAsyncDisposable
{
    public const string SecretKey = "sk_test_masthead_fake";
    public const string WebhookSecret = "whsec_masthead_fake_signing_secret";
    public const string ApiVersion = "2026-10-28.endive";

    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, JsonObject> _sessions = [];
    private readonly Dictionary<string, JsonObject> _subscriptions = [];
    private readonly Dictionary<string, JsonObject> _charges = [];
    private readonly Dictionary<string, (string? Email, string Name, JsonObject Address)> _payers = [];
    private int _next;

    private FakeStripe(WebApplication app) => _app = app;

    /// <summary>Every call Masthead made, in order: method, path, form fields and the Idempotency-Key header.</summary>
    public ConcurrentQueue<Call> Calls { get; } = new();

    /// <summary>While set, every call is answered with this status and a Stripe error, as when Stripe is down or refuses.</summary>
    public HttpStatusCode? FailWith { get; set; }

    public Uri ApiBase { get; private set; } = null!;

    public sealed record Call(string Method, string Path, IReadOnlyDictionary<string, string> Form, string? IdempotencyKey);

    public static async Task<FakeStripe> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stripe = new FakeStripe(app);
        app.Use(async (context, next) =>
        {
            var form = context.Request.HasFormContentType
                ? (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString())
                : [];
            stripe.Calls.Enqueue(new Call(context.Request.Method, context.Request.Path, form, context.Request.Headers["Idempotency-Key"]));
            if (context.Request.Headers.Authorization != $"Bearer {SecretKey}")
            {
                await Error(context, HttpStatusCode.Unauthorized, "authentication_error", "Invalid API Key provided.");
            }
            else if (stripe.FailWith is { } status)
            {
                await Error(context, status, "api_error", "Something went wrong on Stripe's end.");
            }
            else
            {
                context.Items["form"] = form;
                await next(context);
            }
        });
        app.MapPost("/v1/checkout/sessions", (HttpContext c) => stripe.CreateSession(Form(c)));
        app.MapGet("/v1/subscriptions", (HttpContext c) => stripe.ListSubscriptions(c.Request.Query["customer"].ToString(), c.Request.Query["status"].ToString()));
        app.MapGet("/v1/subscriptions/{id}", (string id) => stripe.Subscription(id, s => { }));
        app.MapPost("/v1/subscriptions/{id}", (string id, HttpContext c) => stripe.UpdateSubscription(id, Form(c)));
        app.MapDelete("/v1/subscriptions/{id}", (string id) => stripe.Subscription(id, s => s["status"] = "canceled"));
        app.MapPost("/v1/billing_portal/sessions", (HttpContext c) => stripe.CreatePortalSession(Form(c)));
        app.MapFallback((HttpContext c) => Error(c, HttpStatusCode.NotFound, "invalid_request_error", $"Unrecognized request URL ({c.Request.Method}: {c.Request.Path})."));
        await app.StartAsync();
        stripe.ApiBase = new Uri(app.Urls.Single());
        return stripe;
    }

    /// <summary>Points a Masthead under test at this server, with Stripe taking new contributions.</summary>
    public MastheadFactory Configure(MastheadFactory factory) => Configure(factory, ApiBase);

    /// <summary>
    /// Stripe's settings for a Masthead that only receives webhooks signed with <see cref="WebhookSecret"/>: its API
    /// base is a port where nothing listens, so no test starts a server it never calls.
    /// </summary>
    public static T WebhooksOnly<T>(T factory)
        where T : MastheadFactory => Configure(factory, new Uri("http://127.0.0.1:9/"));

    private static T Configure<T>(T factory, Uri apiBase)
        where T : MastheadFactory
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.Settings["Masthead:Payments:Provider"] = "stripe";
        factory.Settings["Masthead:Stripe:SecretKey"] = SecretKey;
        factory.Settings["Masthead:Stripe:WebhookSecret"] = WebhookSecret;
        factory.Settings["Masthead:Stripe:ApiBase"] = apiBase.ToString();
        return factory;
    }

    /// <summary>The checkout session Masthead opened, as this server stored it.</summary>
    public JsonObject Session(string id)
    {
        lock (_lock)
        {
            return (JsonObject)_sessions[id].DeepClone();
        }
    }

    /// <summary>
    /// The reader pays on Stripe's page: the customer (and for recurring gifts the subscription) are made, and the
    /// events Stripe sends for it are returned in Stripe's order. <paramref name="customer"/> names a returning customer.
    /// As at Stripe, the events carry the payer: the session's <c>customer_details</c> (email, the name on the card,
    /// the billing address) and the invoice's <c>customer_email</c>, <c>customer_name</c> and <c>customer_address</c>.
    /// </summary>
    public IReadOnlyList<string> Pay(string sessionId, DateTimeOffset at, string? customer = null, string payerName = "Pat Payer", string addressLine = "1 Payer Street")
    {
        lock (_lock)
        {
            var session = _sessions[sessionId];
            customer ??= NewId("cus");
            var (amount, currency) = ((long)session["amount_total"]!, (string)session["currency"]!);
            session["status"] = "complete";
            session["payment_status"] = "paid";
            session["customer"] = customer;
            var address = new JsonObject { ["line1"] = addressLine, ["line2"] = null, ["city"] = "Springfield", ["postal_code"] = "12345", ["country"] = "US", ["state"] = null };
            session["customer_details"] = new JsonObject
            {
                ["email"] = session["customer_email"]?.DeepClone(), ["name"] = payerName, ["address"] = address, ["phone"] = null, ["tax_exempt"] = "none",
            };
            if ((string)session["mode"]! == "payment")
            {
                session["payment_intent"] = NewId("pi");
                return [Event("checkout.session.completed", session, at)];
            }

            var subscriptionId = NewId("sub");
            session["subscription"] = subscriptionId;
            var interval = (string)session["interval"]!;
            var subscription = new JsonObject
            {
                ["id"] = subscriptionId, ["object"] = "subscription", ["customer"] = customer, ["status"] = "active", ["currency"] = currency,
                ["metadata"] = session["metadata"]!.DeepClone(), ["created"] = at.ToUnixTimeSeconds(),
                ["items"] = new JsonObject
                {
                    ["object"] = "list",
                    ["data"] = new JsonArray(new JsonObject
                    {
                        ["id"] = NewId("si"), ["object"] = "subscription_item", ["quantity"] = 1, ["subscription"] = subscriptionId,
                        ["price"] = Price(NewId("prod"), amount, currency, interval),
                    }),
                },
            };
            _subscriptions[subscriptionId] = subscription;
            _payers[customer] = (session["customer_email"]?.GetValue<string>(), payerName, address);
            return
            [
                Event("customer.subscription.created", subscription, at),
                Event("invoice.paid", Invoice(subscription, amount, currency, at, "subscription_create"), at),
                Event("checkout.session.completed", session, at),
            ];
        }
    }

    /// <summary>
    /// A subscription another system opened for <paramref name="customer"/> on this account (as Ghost does), without
    /// Masthead's metadata; its id. <see cref="Renew"/> then pays its next invoice.
    /// </summary>
    public string Subscribe(string customer, long amount, string currency, string interval, DateTimeOffset at, string status = "active")
    {
        lock (_lock)
        {
            var subscriptionId = NewId("sub");
            _subscriptions[subscriptionId] = new JsonObject
            {
                ["id"] = subscriptionId, ["object"] = "subscription", ["customer"] = customer, ["status"] = status, ["currency"] = currency,
                ["metadata"] = new JsonObject(), ["created"] = at.ToUnixTimeSeconds(),
                ["items"] = new JsonObject
                {
                    ["object"] = "list",
                    ["data"] = new JsonArray(new JsonObject
                    {
                        ["id"] = NewId("si"), ["object"] = "subscription_item", ["quantity"] = 1, ["subscription"] = subscriptionId,
                        ["current_period_end"] = (interval == "year" ? at.AddYears(1) : at.AddMonths(1)).ToUnixTimeSeconds(),
                        ["price"] = Price(NewId("prod"), amount, currency, interval),
                    }),
                },
            };
            return subscriptionId;
        }
    }

    /// <summary>Stripe renews the subscription: the next period's invoice is paid.</summary>
    public string Renew(string subscriptionId, DateTimeOffset at)
    {
        lock (_lock)
        {
            var subscription = _subscriptions[subscriptionId];
            var price = subscription["items"]!["data"]![0]!["price"]!;
            return Event("invoice.paid", Invoice(subscription, (long)price["unit_amount"]!, (string)price["currency"]!, at, "subscription_cycle"), at);
        }
    }

    /// <summary>A renewal charge fails: the invoice's failure, and the subscription turning past_due.</summary>
    public IReadOnlyList<string> FailRenewal(string subscriptionId, DateTimeOffset at)
    {
        lock (_lock)
        {
            var subscription = _subscriptions[subscriptionId];
            subscription["status"] = "past_due";
            var price = subscription["items"]!["data"]![0]!["price"]!;
            var invoice = Invoice(subscription, 0, (string)price["currency"]!, at, "subscription_cycle");
            invoice["status"] = "open";
            invoice["amount_due"] = (long)price["unit_amount"]!;
            return [Event("invoice.payment_failed", invoice, at), Event("customer.subscription.updated", subscription, at)];
        }
    }

    /// <summary>The supporter cancels on Stripe's side (the portal, or the dashboard).</summary>
    public string CancelAtStripe(string subscriptionId, DateTimeOffset at)
    {
        lock (_lock)
        {
            var subscription = _subscriptions[subscriptionId];
            subscription["status"] = "canceled";
            return Event("customer.subscription.deleted", subscription, at);
        }
    }

    /// <summary>
    /// The newsroom refunds part or all of a one-time gift's payment: a charge.refunded event listing every refund made
    /// on the charge so far, as Stripe lists them.
    /// </summary>
    public string Refund(string paymentIntent, string customer, long amount, string currency, DateTimeOffset at)
    {
        lock (_lock)
        {
            if (!_charges.TryGetValue(paymentIntent, out var charge))
            {
                charge = new JsonObject
                {
                    ["id"] = NewId("ch"), ["object"] = "charge", ["customer"] = customer, ["payment_intent"] = paymentIntent, ["currency"] = currency,
                    ["amount_refunded"] = 0L, ["refunded"] = false, ["status"] = "succeeded",
                    ["refunds"] = new JsonObject { ["object"] = "list", ["data"] = new JsonArray() },
                };
                _charges[paymentIntent] = charge;
            }

            charge["amount_refunded"] = (long)charge["amount_refunded"]! + amount;
            ((JsonArray)charge["refunds"]!["data"]!).Insert(0, new JsonObject { ["id"] = NewId("re"), ["object"] = "refund", ["amount"] = amount, ["currency"] = currency, ["status"] = "succeeded" });
            return Event("charge.refunded", charge, at);
        }
    }

    /// <summary>Posts an event to Masthead's webhook as Stripe does, signed at <paramref name="signedAt"/>.</summary>
    public static Task<HttpResponseMessage> DeliverAsync(HttpClient app, string payload, DateTimeOffset signedAt, string secret = WebhookSecret)
    {
        var body = Encoding.UTF8.GetBytes(payload);
        return PostAsync(app, body, StripeSigning.HeaderFor(body, signedAt.ToUnixTimeSeconds(), secret));
    }

    /// <summary>
    /// Posts <paramref name="body"/> to Masthead's webhook as Stripe would, with <paramref name="signature"/> as its
    /// signature header exactly as given (none when null), for tests of what is refused.
    /// </summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient app, byte[] body, string? signature)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var request = new HttpRequestMessage(HttpMethod.Post, StripeWebhook.Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(StripeSignature.Header, signature);
        }

        request.Headers.UserAgent.ParseAdd("Stripe/1.0");
        return await app.SendAsync(request);
    }

    /// <summary>Delivers each event to <paramref name="own"/>'s webhook in order, signed now on its clock, then applies what was stored.</summary>
    public static async Task DeliverAndApplyAsync(MastheadFactory own, IEnumerable<string> events)
    {
        ArgumentNullException.ThrowIfNull(own);
        ArgumentNullException.ThrowIfNull(events);
        using var webhook = own.CreateClient();
        foreach (var payload in events)
        {
            using var response = await DeliverAsync(webhook, payload, own.Clock.GetUtcNow());
            Xunit.Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // What the webhook stored is applied by a background worker; tests wait for it by applying it themselves.
        await own.ApplyPaymentEventsAsync();
    }

    /// <summary>
    /// Sends each of <paramref name="deliveries"/> once, from eight parallel senders, signed when sent (as Stripe signs each
    /// attempt); a 2xx marks it acknowledged, anything else (an error, a dead server) does not. <paramref name="afterEach"/>
    /// runs after every attempt, e.g. to kill a server part-way.
    /// </summary>
    public static async Task DeliverAllAsync(Uri address, IEnumerable<(string EventId, string Payload)> deliveries, ConcurrentDictionary<string, bool> acknowledged, Action afterEach)
    {
        ArgumentNullException.ThrowIfNull(acknowledged);
        ArgumentNullException.ThrowIfNull(afterEach);
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var queue = new ConcurrentQueue<(string EventId, string Payload)>(deliveries);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var delivery))
            {
                try
                {
                    using var response = await DeliverAsync(client, delivery.Payload, DateTimeOffset.UtcNow);
                    if (response.IsSuccessStatusCode)
                    {
                        acknowledged[delivery.EventId] = true;
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    // The server died under the request or refused the connection: not acknowledged, so sent again.
                }

                afterEach();
            }
        })));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult CreateSession(Dictionary<string, string> form)
    {
        string Field(string name) => form.TryGetValue(name, out var value) ? value : throw new BadHttpRequestException($"Missing required param: {name}.");
        try
        {
            var mode = Field("mode");
            const string price = "line_items[0][price_data]";
            var recurring = form.GetValueOrDefault($"{price}[recurring][interval]");
            if ((mode == "subscription") != (recurring is not null))
            {
                return Results.Json(ErrorBody("invalid_request_error", "You must provide a recurring price in subscription mode, and only there."), statusCode: 400);
            }

            var metadata = new JsonObject();
            foreach (var (key, value) in form.Where(f => f.Key.StartsWith("metadata[", StringComparison.Ordinal)))
            {
                metadata[key["metadata[".Length..^1]] = value;
            }

            JsonObject session;
            lock (_lock)
            {
                var id = NewId("cs_test");
                session = new JsonObject
                {
                    ["id"] = id, ["object"] = "checkout.session", ["mode"] = mode, ["status"] = "open", ["payment_status"] = "unpaid",
                    ["client_reference_id"] = form.GetValueOrDefault("client_reference_id"), ["customer_email"] = form.GetValueOrDefault("customer_email"),
                    ["amount_total"] = long.Parse(Field($"{price}[unit_amount]"), CultureInfo.InvariantCulture) * long.Parse(Field("line_items[0][quantity]"), CultureInfo.InvariantCulture),
                    ["currency"] = Field($"{price}[currency]"), ["success_url"] = Field("success_url"), ["cancel_url"] = form.GetValueOrDefault("cancel_url"),
                    ["metadata"] = metadata, ["customer"] = null, ["subscription"] = null, ["payment_intent"] = null, ["livemode"] = false,
                    ["url"] = new Uri(ApiBase, $"c/pay/{id}").ToString(),
                };
                _sessions[id] = session;

                // Not a Stripe field: what Pay needs to make the subscription's price; stripped from what Masthead sees.
                session["interval"] = recurring;
            }

            var answer = (JsonObject)session.DeepClone();
            answer.Remove("interval");
            return Results.Json(answer);
        }
        catch (BadHttpRequestException exception)
        {
            return Results.Json(ErrorBody("invalid_request_error", exception.Message), statusCode: 400);
        }
    }

    private IResult Subscription(string id, Action<JsonObject> change)
    {
        lock (_lock)
        {
            if (!_subscriptions.TryGetValue(id, out var subscription))
            {
                return Results.Json(ErrorBody("invalid_request_error", $"No such subscription: '{id}'"), statusCode: 404);
            }

            change(subscription);
            return Results.Json(subscription.DeepClone());
        }
    }

    private IResult ListSubscriptions(string customer, string status)
    {
        lock (_lock)
        {
            var data = new JsonArray([.. _subscriptions.Values
                .Where(s => (customer.Length == 0 || (string)s["customer"]! == customer) && (status.Length == 0 || (string)s["status"]! == status))
                .Select(s => s.DeepClone())]);
            return Results.Json(new JsonObject { ["object"] = "list", ["data"] = data, ["has_more"] = false, ["url"] = "/v1/subscriptions" });
        }
    }

    private IResult UpdateSubscription(string id, Dictionary<string, string> form) => Subscription(id, subscription =>
    {
        const string price = "items[0][price_data]";
        if (form.TryGetValue($"{price}[unit_amount]", out var amount))
        {
            var item = subscription["items"]!["data"]![0]!;
            item["price"] = Price(form[$"{price}[product]"], long.Parse(amount, CultureInfo.InvariantCulture), form[$"{price}[currency]"], form[$"{price}[recurring][interval]"]);
        }
    });

    private IResult CreatePortalSession(Dictionary<string, string> form)
    {
        var id = NewId("bps");
        return Results.Json(new JsonObject
        {
            ["id"] = id, ["object"] = "billing_portal.session", ["customer"] = form["customer"], ["return_url"] = form.GetValueOrDefault("return_url"),
            ["livemode"] = false, ["url"] = new Uri(ApiBase, $"p/session/{id}").ToString(),
        });
    }

    private JsonObject Price(string product, long amount, string currency, string interval) => new()
    {
        ["id"] = NewId("price"), ["object"] = "price", ["product"] = product, ["unit_amount"] = amount, ["currency"] = currency,
        ["type"] = "recurring", ["recurring"] = new JsonObject { ["interval"] = interval, ["interval_count"] = 1 },
    };

    /// <summary>An invoice as API version 2025-03-31 and later shape it: the subscription under parent, the price under pricing.</summary>
    private JsonObject Invoice(JsonObject subscription, long amountPaid, string currency, DateTimeOffset at, string reason)
    {
        var item = subscription["items"]!["data"]![0]!;
        var interval = (string)item["price"]!["recurring"]!["interval"]!;
        var end = interval == "year" ? at.AddYears(1) : at.AddMonths(1);
        var payer = _payers.GetValueOrDefault((string)subscription["customer"]!);
        return new JsonObject
        {
            ["id"] = NewId("in"), ["object"] = "invoice", ["customer"] = subscription["customer"]!.DeepClone(), ["currency"] = currency,
            ["customer_email"] = payer.Email, ["customer_name"] = payer.Name, ["customer_address"] = payer.Address?.DeepClone(),
            ["amount_paid"] = amountPaid, ["amount_due"] = amountPaid, ["status"] = "paid", ["billing_reason"] = reason, ["created"] = at.ToUnixTimeSeconds(),
            ["parent"] = new JsonObject
            {
                ["type"] = "subscription_details",
                ["subscription_details"] = new JsonObject { ["subscription"] = subscription["id"]!.DeepClone(), ["metadata"] = subscription["metadata"]!.DeepClone() },
            },
            ["lines"] = new JsonObject
            {
                ["object"] = "list",
                ["data"] = new JsonArray(new JsonObject
                {
                    ["id"] = NewId("il"), ["object"] = "line_item", ["amount"] = amountPaid, ["currency"] = currency,
                    ["period"] = new JsonObject { ["start"] = at.ToUnixTimeSeconds(), ["end"] = end.ToUnixTimeSeconds() },
                    ["pricing"] = new JsonObject { ["type"] = "price_details", ["price_details"] = new JsonObject { ["price"] = item["price"]!["id"]!.DeepClone(), ["product"] = item["price"]!["product"]!.DeepClone() } },
                    ["parent"] = new JsonObject
                    {
                        ["type"] = "subscription_item_details",
                        ["subscription_item_details"] = new JsonObject { ["subscription"] = subscription["id"]!.DeepClone(), ["subscription_item"] = item["id"]!.DeepClone() },
                    },
                }),
            },
        };
    }

    private string Event(string type, JsonObject data, DateTimeOffset at)
    {
        var payload = (JsonObject)data.DeepClone();
        payload.Remove("interval");
        return new JsonObject
        {
            ["id"] = NewId("evt"), ["object"] = "event", ["api_version"] = ApiVersion, ["created"] = at.ToUnixTimeSeconds(), ["type"] = type,
            ["livemode"] = false, ["pending_webhooks"] = 1, ["data"] = new JsonObject { ["object"] = payload },
            ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
        }.ToJsonString();
    }

    private string NewId(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 1 + 14)] + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Form(HttpContext context) => (Dictionary<string, string>)context.Items["form"]!;

    private static JsonObject ErrorBody(string type, string message) => new() { ["error"] = new JsonObject { ["type"] = type, ["message"] = message } };

    private static Task Error(HttpContext context, HttpStatusCode status, string type, string message)
    {
        context.Response.StatusCode = (int)status;
        return context.Response.WriteAsJsonAsync(ErrorBody(type, message));
    }
}
