using System.Text.Json;
using Masthead.Contributions;
using Masthead.Data;
using Masthead.Privacy;

namespace Masthead.Payments.Sandbox;

/// <summary>
/// A payment provider that runs entirely inside Masthead, so the whole journey works with the run command alone: a
/// checkout page marked TEST MODE, and renewals driven by the clock. Its events go through the same inbox as Stripe's.
/// </summary>
public sealed class SandboxProvider(MastheadDb db, PersonalData personalData, TimeProvider clock) : IPaymentProvider
{
    public const string ProviderName = "sandbox";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public string Name => ProviderName;

    /// <summary>No portal: the sandbox has no card or invoices to show.</summary>
    public PaymentCapabilities Capabilities => PaymentCapabilities.CancelSubscription | PaymentCapabilities.ChangeAmount;

    public Task<CheckoutStart> StartCheckoutAsync(Checkout checkout, Uri site, CancellationToken cancellationToken)
    {
        // Relative to the site's address in the reader's edition (https://news.example/ru/), so the page and its way back stay in it.
        var session = "cs_sandbox_" + checkout.Id;
        return Task.FromResult(new CheckoutStart(new Uri(site, $"sandbox/checkout/{session}"), session));
    }

    public IReadOnlyList<PaymentFact> Interpret(string payload)
    {
        var e = JsonSerializer.Deserialize<SandboxEvent>(payload, Json) ?? throw new FormatException("Empty sandbox event.");
        var amount = new Money(e.Amount, e.Currency);
        return e.Type switch
        {
            "checkout.completed" =>
            [
                new CheckoutCompleted(e.Checkout!, e.Customer, e.Subscription, e.At),
                new PaymentSucceeded(e.Payment!, e.Customer, e.Subscription, amount, e.Frequency, e.At),
            ],
            "invoice.paid" => [new PaymentSucceeded(e.Payment!, e.Customer, e.Subscription, amount, e.Frequency, e.At)],
            "invoice.payment_failed" => [new PaymentFailed(e.Subscription!, e.Customer, e.At)],
            "subscription.updated" => [new SubscriptionUpdated(e.Subscription!, e.Customer, e.Status ?? SubscriptionStatus.Active, e.Amount > 0 ? amount : null, e.At)],
            "charge.refunded" => [new Refunded("re_" + e.Payment, e.Payment!, e.Customer, amount, e.At)],
            _ => [],
        };
    }

    public Task CancelSubscriptionAsync(string subscriptionRef, CancellationToken cancellationToken) =>
        ReportAsync(subscriptionRef, SubscriptionStatus.Canceled, null, cancellationToken);

    public Task ChangeAmountAsync(string subscriptionRef, Money amount, CancellationToken cancellationToken) =>
        ReportAsync(subscriptionRef, SubscriptionStatus.Active, amount, cancellationToken);

    public Task<Uri> CreatePortalLinkAsync(string customerRef, Uri returnUrl, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The sandbox has no customer portal.");

    /// <summary>The event as the sandbox's "webhook" delivers it to the inbox.</summary>
    public static string Payload(SandboxEvent sandboxEvent) => JsonSerializer.Serialize(sandboxEvent, Json);

    private async Task ReportAsync(string subscriptionRef, SubscriptionStatus status, Money? amount, CancellationToken cancellationToken)
    {
        var customer = db.Subscriptions.Where(s => s.Provider == ProviderName && s.ProviderRef == subscriptionRef)
            .Join(db.Supporters, s => s.SupporterId, p => p.Id, (_, p) => p.CustomerRef).Single();
        var change = new SandboxEvent("subscription.updated", customer, clock.GetUtcNow(), Subscription: subscriptionRef,
            Amount: amount?.MinorUnits ?? 0, Currency: amount?.Currency ?? "", Status: status);
        db.PaymentEvents.Add(PaymentEvent.Received(ProviderName, "evt_sb_" + Checkout.NewId(), change.Type, Payload(change), personalData, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
    }
}
