using Masthead.Appeals;
using Masthead.Contributions;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Revenue;

/// <summary>The appeals' figures over a period: the tallies added up per appeal, variant, placement and currency, and the funnel per month.</summary>
public sealed record AppealReport(RevenuePeriod Period, IReadOnlyDictionary<int, AppealInfo> Appeals, IReadOnlyList<TallySum> Sums, IReadOnlyList<FunnelMonth> Funnel)
{
    public bool IsEmpty => Sums.Count == 0;

    public SourceFigures Total => AppealRevenue.Figures(Sums);

    /// <summary>Per appeal, oldest first. An appeal is never deleted, so each tally's appeal is known.</summary>
    public IReadOnlyList<Source<AppealInfo>> ByAppeal() =>
        AppealRevenue.By(Sums, s => Appeal(s.AppealId), Comparer<AppealInfo>.Create((a, b) => a.Id.CompareTo(b.Id)));

    public IReadOnlyList<Source<AppealPlacement>> ByPlacement() => AppealRevenue.By(Sums, s => s.Placement);

    public IReadOnlyList<Source<CampaignCode>> ByCode() => AppealRevenue.By(Sums, s => new CampaignCode(s.AppealId, s.Variant, s.Placement),
        Comparer<CampaignCode>.Create((a, b) => (a.AppealId, a.Variant, a.Placement).CompareTo((b.AppealId, b.Variant, b.Placement))));

    /// <summary>Per edition code, "" (the main edition) first.</summary>
    public IReadOnlyList<Source<string>> ByEdition() => AppealRevenue.By(Sums, s => Appeal(s.AppealId).Edition, StringComparer.Ordinal);

    private AppealInfo Appeal(int id) => Appeals.GetValueOrDefault(id) ?? new AppealInfo(id, $"#{id}", "");

    /// <summary>
    /// The tallies whose hour starts in the period: two grouped queries, so a year of hourly rows is added up by the
    /// database (a row per appeal, variant, placement and currency, and one per hour for the funnel).
    /// </summary>
    public static async Task<AppealReport> LoadAsync(MastheadDb db, RevenuePeriod period, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(period);
        var tallies = db.AppealTallies.AsNoTracking().Where(t => t.Hour >= period.From && t.Hour <= period.To);
        var sums = await tallies.GroupBy(t => new { t.AppealId, t.Variant, t.Placement, t.Currency })
            .Select(g => new TallySum(g.Key.AppealId, g.Key.Variant, g.Key.Placement, g.Key.Currency, g.Sum(t => t.Shown), g.Sum(t => t.Continued),
                g.Sum(t => t.Conversions), g.Sum(t => t.Recurring), g.Sum(t => t.Annualised)))
            .ToListAsync(cancellationToken);
        var hours = await tallies.GroupBy(t => t.Hour).Select(g => new HourCounts(g.Key, g.Sum(t => t.Shown), g.Sum(t => t.Continued), g.Sum(t => t.Conversions)))
            .ToListAsync(cancellationToken);
        var appeals = await db.Appeals.AsNoTracking().Select(a => new AppealInfo(a.Id, a.Name, a.Edition)).ToDictionaryAsync(a => a.Id, cancellationToken);
        return new(period, appeals, sums, AppealRevenue.Funnel(hours, period.Months, zone));
    }

    /// <summary>
    /// The ledger's new gifts in the period per currency (<see cref="AppealRevenue.NewGifts"/>): its payments in the
    /// period, and each subscription's first payment ever, so a renewal is not taken for a new gift.
    /// </summary>
    public static async Task<IReadOnlyList<CurrencyGifts>> LedgerGiftsAsync(MastheadDb db, RevenuePeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(period);
        var lines = await db.Contributions.AsNoTracking()
            .Where(c => c.Kind == ContributionKind.Payment && c.OccurredAt >= period.From && c.OccurredAt <= period.To)
            .Select(c => new PaymentLine(c.Provider, c.SubscriptionRef, c.Frequency, c.Amount, c.Currency, c.OccurredAt))
            .ToListAsync(cancellationToken);
        return AppealRevenue.NewGifts(lines, await RevenueHistory.FirstPaymentsAsync(db, cancellationToken));
    }
}
