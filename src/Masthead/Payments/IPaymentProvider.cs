using Masthead.Contributions;

namespace Masthead.Payments;

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

    /// <summary>Opens a payment session for the checkout; <paramref name="site"/> is the site's own address in the reader's edition (<c>https://news.example/ru/</c>), for return links relative to it.</summary>
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
