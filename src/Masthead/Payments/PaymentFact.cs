using Masthead.Contributions;

namespace Masthead.Payments;

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
