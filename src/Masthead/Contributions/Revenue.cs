using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Contributions;

public static class Revenue
{
    public static readonly TimeSpan RecentPeriod = TimeSpan.FromDays(30);

    /// <summary>
    /// Monthly recurring revenue counts only Active subscriptions: monthly ones at their amount, annual ones at a
    /// twelfth. PastDue ones are shown apart, as money at risk, because the provider is still retrying a payment that
    /// has failed and may never come. Received is net of refunds.
    /// </summary>
    public static async Task<RevenueSummary> SummaryAsync(MastheadDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var recurring = await db.Subscriptions.AsNoTracking().Where(s => s.Status != SubscriptionStatus.Canceled && s.Frequency != Frequency.OneTime)
            .GroupBy(s => new { s.Status, s.Frequency, s.Currency })
            .Select(g => new RecurringGroup(g.Key.Status, g.Key.Frequency, g.Key.Currency, g.Sum(s => s.Amount), g.Count()))
            .ToListAsync(cancellationToken);
        var since = now - RecentPeriod;
        var received = await db.Contributions.AsNoTracking().Where(c => c.OccurredAt >= since)
            .GroupBy(c => c.Currency).Select(g => new { Currency = g.Key, Total = g.Sum(c => c.Amount) })
            .ToListAsync(cancellationToken);
        return new RevenueSummary(
            await SupportersWithAsync(db, Frequency.Monthly, cancellationToken),
            await SupportersWithAsync(db, Frequency.Annual, cancellationToken),
            MonthlyEquivalent(recurring.Where(g => g.Status == SubscriptionStatus.Active)),
            recurring.Where(g => g.Status == SubscriptionStatus.PastDue).Sum(g => g.Count),
            MonthlyEquivalent(recurring.Where(g => g.Status == SubscriptionStatus.PastDue)),
            received.OrderBy(r => r.Currency, StringComparer.Ordinal).Select(r => new Money(r.Total, r.Currency)).ToList());
    }

    /// <summary>Per currency, monthly amounts plus annual ones divided by twelve, rounded once on the sum so cents are not lost per subscription.</summary>
    public static IReadOnlyList<Money> MonthlyEquivalent(IEnumerable<RecurringGroup> groups) =>
        groups.GroupBy(g => g.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(byCurrency => new Money(
                byCurrency.Where(g => g.Frequency == Frequency.Monthly).Sum(g => g.Total)
                + (long)Math.Round(byCurrency.Where(g => g.Frequency == Frequency.Annual).Sum(g => g.Total) / 12m, MidpointRounding.AwayFromZero),
                byCurrency.Key))
            .ToList();

    private static Task<int> SupportersWithAsync(MastheadDb db, Frequency frequency, CancellationToken cancellationToken) =>
        db.Subscriptions.Where(s => s.Status == SubscriptionStatus.Active && s.Frequency == frequency).Select(s => s.SupporterId).Distinct().CountAsync(cancellationToken);
}
