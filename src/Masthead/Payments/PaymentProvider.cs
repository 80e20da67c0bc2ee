using Masthead.Contributions;

namespace Masthead.Payments;

/// <summary>Where the reader goes to pay, and the provider's name for that payment session.</summary>
public sealed record CheckoutStart(Uri PaymentPage, string ProviderSessionId);

/// <summary>
/// A payment provider: the sandbox (local, the default) or Stripe, each registered under its <see cref="Name"/> (see
/// <see cref="PaymentsSetup.AddPaymentProvider{T}"/>) and found by it (<see cref="PaymentProviders"/>). Masthead talks to providers only through this;
/// what they report comes back as <see cref="PaymentFact"/>s read from stored <see cref="PaymentEvent"/>s.
/// </summary>
public interface IPaymentProvider
{
    /// <summary>The name stored with every record that came through this provider, e.g. "sandbox", "stripe".</summary>
    string Name { get; }

    /// <summary>
    /// The optional calls below that this provider offers. A caller asks this first; a call it does not offer throws
    /// <see cref="NotSupportedException"/>, which is a bug in the caller, not something to show a reader.
    /// </summary>
    PaymentCapabilities Capabilities { get; }

    /// <summary>Opens a payment session for the checkout; <paramref name="site"/> is the site's own address for return links.</summary>
    /// <exception cref="PaymentProviderException">The provider refused or could not be reached.</exception>
    Task<CheckoutStart> StartCheckoutAsync(Checkout checkout, Uri site, CancellationToken cancellationToken);

    /// <summary>What an event's payload (opened: <see cref="PaymentEvent.Open"/>) says happened, in provider-neutral facts; empty for events Masthead ignores.</summary>
    IReadOnlyList<PaymentFact> Interpret(string payload);

    /// <summary>Ends the subscription now (when <see cref="PaymentCapabilities.CancelSubscription"/> is offered); the change is recorded as an event in the inbox, like everything the provider reports.</summary>
    /// <exception cref="PaymentProviderException">The provider refused or could not be reached.</exception>
    Task CancelSubscriptionAsync(string subscriptionRef, CancellationToken cancellationToken);

    /// <summary>A new amount from the next payment on (when <see cref="PaymentCapabilities.ChangeAmount"/> is offered); recorded as an event in the inbox.</summary>
    /// <exception cref="PaymentProviderException">The provider refused or could not be reached.</exception>
    Task ChangeAmountAsync(string subscriptionRef, Money amount, CancellationToken cancellationToken);

    /// <summary>
    /// A one-time link to the provider's own page for the supporter's card and invoices, which sends them back to
    /// <paramref name="returnUrl"/>; such links expire within minutes, so make one on demand.
    /// </summary>
    /// <exception cref="PaymentProviderException">The provider refused or could not be reached.</exception>
    Task<Uri> CreatePortalLinkAsync(string customerRef, Uri returnUrl, CancellationToken cancellationToken);
}

/// <summary>
/// The provider refused a call or could not be reached. Nothing was charged or changed; the reader can try again.
/// Providers wrap their own SDK's failures in this so pages answer with a plain message, never a 500.
/// </summary>
public sealed class PaymentProviderException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>Something a provider reported, in Masthead's words. Every fact carries the provider's customer and the time it happened.</summary>
public abstract record PaymentFact(string CustomerRef, DateTimeOffset OccurredAt);

/// <summary>The reader finished paying for <paramref name="CheckoutId"/>.</summary>
public sealed record CheckoutCompleted(string CheckoutId, string CustomerRef, string? SubscriptionRef, DateTimeOffset OccurredAt)
    : PaymentFact(CustomerRef, OccurredAt);

/// <summary>Money arrived: a one-time gift or one period of a subscription.</summary>
public sealed record PaymentSucceeded(string PaymentRef, string CustomerRef, string? SubscriptionRef, Money Amount, Frequency Frequency, DateTimeOffset OccurredAt)
    : PaymentFact(CustomerRef, OccurredAt);

/// <summary>A renewal charge failed: the subscription is past due until a payment succeeds.</summary>
public sealed record PaymentFailed(string SubscriptionRef, string CustomerRef, DateTimeOffset OccurredAt)
    : PaymentFact(CustomerRef, OccurredAt);

/// <summary>The subscription's state or amount changed.</summary>
public sealed record SubscriptionUpdated(string SubscriptionRef, string CustomerRef, SubscriptionStatus Status, Money? Amount, DateTimeOffset OccurredAt)
    : PaymentFact(CustomerRef, OccurredAt);

/// <summary>Money went back to the supporter.</summary>
public sealed record Refunded(string RefundRef, string PaymentRef, string CustomerRef, Money Amount, DateTimeOffset OccurredAt)
    : PaymentFact(CustomerRef, OccurredAt);
