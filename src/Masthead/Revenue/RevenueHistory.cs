using Masthead.Contributions;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Revenue;

/// <summary>One ledger line as the history reads it: money in (or, negative, refunded) for a frequency, at a time.</summary>
public sealed record LedgerLine(Frequency Frequency, long Amount, string Currency, DateTimeOffset OccurredAt);

/// <summary>One recurring subscription's life: from its first payment until it was cancelled, if it was.</summary>
public sealed record SubscriptionSpan(DateTimeOffset Started, DateTimeOffset? Ended);

/// <summary>One currency's amount for each month of a <see cref="RevenueFigures"/>, in its months' order.</summary>
public sealed record CurrencySeries(string Currency, IReadOnlyList<long> Values)
{
    public Money this[int month] => new(Values[month], Currency);
}

/// <summary>Recurring supporters in one month: who started, who ended, and how many there were when it began.</summary>
public sealed record SupporterMonth(int New, int Ended, int ActiveAtStart)
{
    /// <summary>Ended ÷ active at the month's start; null when none were active, so nothing could churn.</summary>
    public decimal? Churn => ActiveAtStart == 0 ? null : (decimal)Ended / ActiveAtStart;
}

/// <summary>The revenue dashboard's figures, month by month, oldest first; amounts per currency, never added across.</summary>
public sealed record RevenueFigures(
    IReadOnlyList<RevenueMonth> Months, IReadOnlyList<CurrencySeries> Recurring, IReadOnlyList<SupporterMonth> Supporters, IReadOnlyList<CurrencySeries> OneTime)
{
    /// <summary>Nothing in the ledger in these months: the page says so instead of drawing empty charts.</summary>
    public bool IsEmpty => Recurring.Count == 0 && OneTime.Count == 0 && Supporters.All(s => s is { New: 0, Ended: 0, ActiveAtStart: 0 });
}

/// <summary>
/// What readers' money did month by month, from the ledger (<c>Contributions</c>) and <c>Subscriptions</c>. The rules
/// are pure functions over plain rows, so they are tested without a database; <see cref="LoadAsync"/> reads the rows.
/// </summary>
public static class RevenueHistory
{
    /// <summary>How many months the dashboard looks back over, the current one included.</summary>
    public const int MonthCount = 24;

    /// <summary>
    /// Monthly recurring revenue: each monthly line (a payment, or a refund, which is negative) counts in full in its
    /// month, each annual line a twelfth in each of the twelve months from its own. Per currency, the annual sum is
    /// divided once per month and rounded, so cents are not lost line by line.
    /// </summary>
    public static IReadOnlyList<CurrencySeries> Recurring(IEnumerable<LedgerLine> lines, IReadOnlyList<RevenueMonth> months, TimeZoneInfo zone) =>
        PerCurrency(lines.Where(l => l.Frequency != Frequency.OneTime), months, zone, sum =>
            sum(Frequency.Monthly, 0) + (long)Math.Round(Enumerable.Range(0, 12).Sum(age => sum(Frequency.Annual, age)) / 12m, MidpointRounding.AwayFromZero));

    /// <summary>One-time money per month, net of refunds of one-time gifts (as the ledger holds them: negative lines).</summary>
    public static IReadOnlyList<CurrencySeries> OneTime(IEnumerable<LedgerLine> lines, IReadOnlyList<RevenueMonth> months, TimeZoneInfo zone) =>
        PerCurrency(lines.Where(l => l.Frequency == Frequency.OneTime), months, zone, sum => sum(Frequency.OneTime, 0));

    /// <summary>
    /// Per month: subscriptions whose first payment fell in it, those cancelled in it, and those active when it
    /// began (started before it, not cancelled before it).
    /// </summary>
    public static IReadOnlyList<SupporterMonth> Supporters(IEnumerable<SubscriptionSpan> spans, IReadOnlyList<RevenueMonth> months, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(months);
        var list = spans.Select(s => (s.Started, s.Ended, StartMonth: RevenueMonth.Of(s.Started, zone), EndMonth: s.Ended is { } e ? RevenueMonth.Of(e, zone) : (RevenueMonth?)null)).ToList();
        return [.. months.Select(month =>
        {
            var start = month.Start(zone);
            return new SupporterMonth(
                list.Count(s => s.StartMonth == month),
                list.Count(s => s.EndMonth == month),
                list.Count(s => s.Started < start && !(s.Ended < start)));
        })];
    }

    public static RevenueFigures Compute(IReadOnlyList<LedgerLine> lines, IEnumerable<SubscriptionSpan> spans, IReadOnlyList<RevenueMonth> months, TimeZoneInfo zone) =>
        new(months, Recurring(lines, months, zone), Supporters(spans, months, zone), OneTime(lines, months, zone));

    /// <summary>
    /// The last <see cref="MonthCount"/> months up to <paramref name="now"/>: the ledger lines from eleven months
    /// before the first (an annual payment then still counts a twelfth in it), and every recurring subscription's
    /// first payment and cancellation (a subscription that never paid is neither started nor ended).
    /// </summary>
    public static async Task<RevenueFigures> LoadAsync(MastheadDb db, DateTimeOffset now, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var months = RevenueMonth.Ending(now, zone, MonthCount);
        var from = months[0].Plus(-11).Start(zone);
        var lines = await db.Contributions.AsNoTracking().Where(c => c.OccurredAt >= from && c.OccurredAt <= now)
            .Select(c => new LedgerLine(c.Frequency, c.Amount, c.Currency, c.OccurredAt)).ToListAsync(cancellationToken);
        var firsts = await FirstPaymentsAsync(db, cancellationToken);
        var cancelled = (await db.Subscriptions.AsNoTracking().Where(s => s.Status == SubscriptionStatus.Canceled)
                .Select(s => new { s.Provider, s.ProviderRef, s.StatusAt }).ToListAsync(cancellationToken))
            .ToDictionary(s => (s.Provider, s.ProviderRef), s => s.StatusAt);
        var spans = firsts.Select(f => new SubscriptionSpan(f.Value, cancelled.TryGetValue(f.Key, out var ended) ? ended : null));
        return Compute(lines, spans, months, zone);
    }

    /// <summary>Each recurring subscription's first payment, by provider and subscription reference: one row per subscription.</summary>
    internal static async Task<Dictionary<(string Provider, string Reference), DateTimeOffset>> FirstPaymentsAsync(MastheadDb db, CancellationToken cancellationToken) =>
        (await db.Contributions.AsNoTracking()
            .Where(c => c.Kind == ContributionKind.Payment && c.Frequency != Frequency.OneTime && c.SubscriptionRef != null)
            .GroupBy(c => new { c.Provider, c.SubscriptionRef })
            .Select(g => new { g.Key.Provider, g.Key.SubscriptionRef, Started = g.Min(c => c.OccurredAt) })
            .ToListAsync(cancellationToken))
        .ToDictionary(f => (f.Provider, f.SubscriptionRef!), f => f.Started);

    /// <summary>
    /// Each currency that has a line, with <paramref name="value"/> of each month, which it computes from the sums it is
    /// handed: of the lines of a frequency some months before (0: the month itself). Lines are added up once per month.
    /// </summary>
    private static List<CurrencySeries> PerCurrency(
        IEnumerable<LedgerLine> lines, IReadOnlyList<RevenueMonth> months, TimeZoneInfo zone, Func<Func<Frequency, int, long>, long> value)
    {
        ArgumentNullException.ThrowIfNull(months);
        IEnumerable<CurrencySeries> all = lines.GroupBy(l => l.Currency).OrderBy(g => g.Key, StringComparer.Ordinal).Select(currency =>
        {
            var sums = currency.GroupBy(l => (Month: RevenueMonth.Of(l.OccurredAt, zone), l.Frequency)).ToDictionary(g => g.Key, g => g.Sum(l => l.Amount));
            return new CurrencySeries(currency.Key, [.. months.Select(month => value((frequency, age) => sums.GetValueOrDefault((month.Plus(-age), frequency))))]);
        });

        // A currency whose lines all fall before these months (or cancel out) has nothing to show.
        return [.. all.Where(series => series.Values.Any(v => v != 0))];
    }
}
