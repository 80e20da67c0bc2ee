namespace Masthead.Contributions;

/// <summary>What one supporter (all their records, under the current and the previous key) has given and still gives.</summary>
public sealed record SupporterRecords(
    IReadOnlyList<int> SupporterIds,
    (string Provider, string CustomerRef)? PortalCustomer,
    IReadOnlyList<Subscription> Subscriptions,
    IReadOnlyList<SupporterRecords.Line> History)
{
    public sealed record Line(DateTimeOffset At, Money Amount, Frequency Frequency, ContributionKind Kind);
}
