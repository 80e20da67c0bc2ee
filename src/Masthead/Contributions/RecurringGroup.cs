namespace Masthead.Contributions;

/// <summary>The recurring subscriptions of one status, frequency and currency, added up.</summary>
public sealed record RecurringGroup(SubscriptionStatus Status, Frequency Frequency, string Currency, long Total, int Count);
