namespace Masthead.Contributions;

/// <summary>What readers' money adds up to, per currency: amounts in different currencies are never added together.</summary>
public sealed record RevenueSummary(
    int ActiveMonthlySupporters,
    int ActiveAnnualSupporters,
    IReadOnlyList<Money> MonthlyRecurring,
    int PastDueSubscriptions,
    IReadOnlyList<Money> MonthlyAtRisk,
    IReadOnlyList<Money> ReceivedLast30Days);
