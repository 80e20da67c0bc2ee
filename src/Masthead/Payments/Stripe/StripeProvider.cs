using System.Globalization;
using System.Text.Json.Nodes;
using Masthead.Contributions;
using Masthead.Data;
using Masthead.Editions;
using Masthead.Privacy;
using Microsoft.Extensions.Localization;
using Sdk = Stripe;

namespace Masthead.Payments.Stripe;

/// <summary>
/// Contributions through Stripe: Stripe Checkout takes the payment (a subscription for monthly and annual gifts, a single
/// payment for one-time ones), its webhooks report what happened, and its customer portal lets supporters help themselves.
/// </summary>
public sealed class StripeProvider(
    Lazy<Sdk.StripeClient> client, SiteEditions editions, IStringLocalizer<PaymentsText> text, PersonalData personalData, MastheadDb db, TimeProvider clock) : IPaymentProvider
{
    /// <summary>The languages Stripe Checkout is shown in (Stripe.net's SessionCreateOptions.Locale); "auto" for others.</summary>
    private static readonly HashSet<string> CheckoutLocales = new(StringComparer.OrdinalIgnoreCase)
    {
        "bg", "cs", "da", "de", "el", "en", "en-GB", "es", "es-419", "et", "fi", "fil", "fr", "fr-CA", "hi-IN", "hr", "hu", "id", "it", "ja",
        "ko", "lt", "lv", "ms", "mt", "nb", "nl", "pl", "pt", "pt-BR", "ro", "ru", "sk", "sl", "sv", "th", "tr", "vi", "zh", "zh-HK", "zh-TW",
    };

    public const string ProviderName = "stripe";

    /// <summary>Metadata key on sessions and subscriptions: the Masthead checkout they came from.</summary>
    public const string CheckoutKey = "masthead_checkout";

    /// <summary>Metadata key on sessions and subscriptions: Monthly, Annual or OneTime.</summary>
    public const string FrequencyKey = "masthead_frequency";

    public string Name => ProviderName;

    public PaymentCapabilities Capabilities =>
        PaymentCapabilities.CancelSubscription | PaymentCapabilities.ChangeAmount | PaymentCapabilities.CustomerPortal;

    public async Task<CheckoutStart> StartCheckoutAsync(Checkout checkout, Uri site, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkout);
        var recurring = checkout.Frequency != Frequency.OneTime;
        var edition = editions.Get(checkout.Edition);
        var metadata = new Dictionary<string, string> { [CheckoutKey] = checkout.Id, [FrequencyKey] = checkout.Frequency.ToString() };
        var session = await CallAsync(() => new Sdk.Checkout.SessionService(client.Value).CreateAsync(new Sdk.Checkout.SessionCreateOptions
        {
            Mode = recurring ? "subscription" : "payment",
            ClientReferenceId = checkout.Id,
            CustomerEmail = personalData.Unprotect(checkout.EmailProtected),

            // Stripe's page in the language of the edition the reader gave from, where Stripe has it.
            Locale = Locale(edition.Culture),

            // Relative, so a site served under a path (https://example.org/news/) gets its readers back to the right place.
            SuccessUrl = new Uri(site, $"support/thanks/{checkout.Id}").ToString(),
            CancelUrl = new Uri(site, $"support?retry={checkout.Id}").ToString(),
            LineItems =
            [
                new Sdk.Checkout.SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new Sdk.Checkout.SessionLineItemPriceDataOptions
                    {
                        Currency = checkout.Currency.ToLowerInvariant(),
                        UnitAmount = checkout.Amount,
                        ProductData = new Sdk.Checkout.SessionLineItemPriceDataProductDataOptions { Name = ProductName(checkout.Frequency, edition) },
                        Recurring = recurring ? new Sdk.Checkout.SessionLineItemPriceDataRecurringOptions { Interval = Interval(checkout.Frequency) } : null,
                    },
                },
            ],
            Metadata = metadata,

            // Copied onto what Stripe creates, so its later events (renewal invoices) still say which gift they belong to.
            SubscriptionData = recurring ? new Sdk.Checkout.SessionSubscriptionDataOptions { Metadata = metadata } : null,
            PaymentIntentData = recurring ? null : new Sdk.Checkout.SessionPaymentIntentDataOptions { Metadata = metadata },

            // Without a customer a one-time gift would have no one to file it under in the ledger; subscriptions always get one.
            CustomerCreation = recurring ? null : "always",
        }, new Sdk.RequestOptions { IdempotencyKey = "masthead-checkout-" + checkout.Id }, cancellationToken));
        return new CheckoutStart(new Uri(session.Url), session.Id);
    }

    public IReadOnlyList<PaymentFact> Interpret(string payload) => StripeEventFacts.Read(payload);

    /// <summary>Ends the subscription now, and records Stripe's answer so the supporter sees it at once; its webhook confirms later.</summary>
    public async Task CancelSubscriptionAsync(string subscriptionRef, CancellationToken cancellationToken)
    {
        var canceled = await CallAsync(() => new Sdk.SubscriptionService(client.Value).CancelAsync(subscriptionRef, cancellationToken: cancellationToken));
        await RecordAnswerAsync("customer.subscription.deleted", canceled, cancellationToken);
    }

    /// <summary>
    /// Gives the subscription a new amount from its next payment on, without charging or crediting the difference for the
    /// current period. Stripe's answer is recorded at once; its customer.subscription.updated webhook confirms later.
    /// </summary>
    public async Task ChangeAmountAsync(string subscriptionRef, Money amount, CancellationToken cancellationToken)
    {
        var subscriptions = new Sdk.SubscriptionService(client.Value);
        var subscription = await CallAsync(() => subscriptions.GetAsync(subscriptionRef, cancellationToken: cancellationToken));
        var item = subscription.Items.Data.FirstOrDefault() ?? throw new PaymentProviderException($"Stripe subscription {subscriptionRef} has no items.");
        var changed = await CallAsync(() => subscriptions.UpdateAsync(subscriptionRef, new Sdk.SubscriptionUpdateOptions
        {
            Items =
            [
                new Sdk.SubscriptionItemOptions
                {
                    Id = item.Id,
                    PriceData = new Sdk.SubscriptionItemPriceDataOptions
                    {
                        // price_data on a subscription item names an existing product: keep the one Checkout made.
                        Product = item.Price.ProductId,
                        Currency = amount.Currency.ToLowerInvariant(),
                        UnitAmount = amount.MinorUnits,
                        Recurring = new Sdk.SubscriptionItemPriceDataRecurringOptions { Interval = item.Price.Recurring?.Interval ?? "month" },
                    },
                },
            ],
            ProrationBehavior = "none",
        }, cancellationToken: cancellationToken));
        await RecordAnswerAsync("customer.subscription.updated", changed, cancellationToken);
    }

    /// <summary>
    /// A one-time link to Stripe's customer portal, where the supporter updates their card, sees invoices, changes or
    /// cancels; Stripe sends them back to <paramref name="returnUrl"/>. The link expires after a short while: make it on demand.
    /// </summary>
    /// <exception cref="PaymentProviderException">Stripe refused (e.g. the portal is not set up in the dashboard) or could not be reached.</exception>
    public async Task<Uri> CreatePortalLinkAsync(string customerRef, Uri returnUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(returnUrl);
        var session = await CallAsync(() => new Sdk.BillingPortal.SessionService(client.Value).CreateAsync(
            new Sdk.BillingPortal.SessionCreateOptions { Customer = customerRef, ReturnUrl = returnUrl.ToString() }, cancellationToken: cancellationToken));
        return new Uri(session.Url);
    }

    /// <summary>What Stripe's page and the reader's bank statement call the gift, in the edition's language (the request's culture).</summary>
    private string ProductName(Frequency frequency, Edition edition) => frequency switch
    {
        Frequency.Monthly => text["ProductMonthly", edition.NewsroomName],
        Frequency.Annual => text["ProductAnnual", edition.NewsroomName],
        _ => text["ProductOneTime", edition.NewsroomName],
    };

    private static string Locale(CultureInfo culture) =>
        CheckoutLocales.Contains(culture.Name) ? culture.Name
        : CheckoutLocales.Contains(culture.TwoLetterISOLanguageName) ? culture.TwoLetterISOLanguageName
        : "auto";

    private static string Interval(Frequency frequency) => frequency == Frequency.Annual ? "year" : "month";

    /// <summary>
    /// Files Stripe's answer to a change in the inbox as the event its webhook will report, so the manage page shows the
    /// change now. The webhook's own event applies the same state again, which the ledger takes as a no-op.
    /// </summary>
    private async Task RecordAnswerAsync(string type, Sdk.Subscription answer, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var id = "api_" + Checkout.NewId();
        var body = JsonNode.Parse(answer.StripeResponse?.Content ?? throw new PaymentProviderException("Stripe's answer had no body."));
        var envelope = new JsonObject
        {
            ["id"] = id, ["object"] = "event", ["type"] = type, ["created"] = now.ToUnixTimeSeconds(), ["data"] = new JsonObject { ["object"] = body },
        };
        db.PaymentEvents.Add(PaymentEvent.Received(ProviderName, id, type, envelope.ToJsonString(), personalData, now));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Sdk.StripeException exception)
        {
            throw new PaymentProviderException($"Stripe answered: {exception.StripeError?.Message ?? exception.Message}", exception);
        }
        catch (HttpRequestException exception)
        {
            throw new PaymentProviderException("Stripe could not be reached.", exception);
        }
    }

    /// <summary>The SDK client for the configured account; made on first use, so a site on the sandbox needs no Stripe settings.</summary>
    public static Sdk.StripeClient Client(StripeOptions stripe)
    {
        if (string.IsNullOrWhiteSpace(stripe.SecretKey))
        {
            throw new InvalidOperationException($"{StripeOptions.Section}:SecretKey is not set, so Masthead cannot call Stripe.");
        }

        var client = new Sdk.StripeClientOptions { ApiKey = stripe.SecretKey };
        if (!string.IsNullOrEmpty(stripe.ApiBase))
        {
            client.ApiBase = stripe.ApiBase.TrimEnd('/');
        }

        return new Sdk.StripeClient(client);
    }
}
