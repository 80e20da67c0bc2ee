namespace Masthead.Payments;

/// <summary>
/// What a provider offers beyond taking a payment, so pages show only what works: the supporter's manage page offers
/// a change, a cancellation or the provider's own portal only when the provider that holds the gift does.
/// </summary>
[Flags]
public enum PaymentCapabilities
{
    /// <summary>Takes payments and reports them, nothing more.</summary>
    None = 0,

    /// <summary><see cref="IPaymentProvider.CancelSubscriptionAsync"/> ends a recurring gift.</summary>
    CancelSubscription = 1,

    /// <summary><see cref="IPaymentProvider.ChangeAmountAsync"/> sets a recurring gift's new amount.</summary>
    ChangeAmount = 2,

    /// <summary><see cref="IPaymentProvider.CreatePortalLinkAsync"/> makes a link to the provider's own page for cards and invoices.</summary>
    CustomerPortal = 4,
}
