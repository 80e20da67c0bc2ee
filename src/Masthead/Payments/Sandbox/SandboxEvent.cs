using Masthead.Contributions;

namespace Masthead.Payments.Sandbox;

/// <summary>The sandbox's own event, shaped like a provider webhook: what its test checkout and renewals report.</summary>
public sealed record SandboxEvent(
    string Type, string Customer, DateTimeOffset At, string? Checkout = null, string? Subscription = null, string? Payment = null,
    long Amount = 0, string Currency = "", Frequency Frequency = Frequency.OneTime, SubscriptionStatus? Status = null);
