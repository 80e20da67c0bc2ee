using Masthead.Appeals;
using Masthead.Contributions;

namespace Masthead.Revenue;

/// <summary>One group of <c>AppealTally</c> rows added up: an appeal's variant in a placement, in a currency ("" for the reader script's events).</summary>
public sealed record TallySum(int AppealId, int Variant, AppealPlacement Placement, string Currency, long Shown, long Continued, long Conversions, long Recurring, long Annualised);

/// <summary>The funnel's counts of one tally hour, every appeal together.</summary>
public sealed record HourCounts(DateTimeOffset Hour, long Shown, long Continued, long Gifts);

/// <summary>An appeal as the reports name it.</summary>
public sealed record AppealInfo(int Id, string Name, string Edition);

/// <summary>Gifts in one currency: how many, how many started a monthly or annual gift, and their value over a first year in minor units.</summary>
public sealed record CurrencyGifts(string Currency, long Gifts, long Recurring, long FirstYear)
{
    public Money Value => new(FirstYear, Currency);
}

/// <summary>What one source of gifts did (an appeal, a placement, a campaign code, an edition): showings, Continue, and gifts per currency.</summary>
public sealed record SourceFigures(long Shown, long Continued, IReadOnlyList<CurrencyGifts> Currencies)
{
    /// <summary>Gifts are counted, not money, so they may be added across currencies.</summary>
    public long Gifts => Currencies.Sum(c => c.Gifts);

    public long Recurring => Currencies.Sum(c => c.Recurring);

    public decimal? ContinueRate => AppealRevenue.Rate(Continued, Shown);

    public decimal? GiftRate => AppealRevenue.Rate(Gifts, Shown);
}

/// <summary>One row of a report: its key (an appeal id, a placement, a code, an edition) and its figures.</summary>
public sealed record Source<TKey>(TKey Key, SourceFigures Figures);

/// <summary>The appeals' funnel in one month: showings, Continue pressed, gifts confirmed, and the rates between them.</summary>
public sealed record FunnelMonth(long Shown, long Continued, long Gifts)
{
    public decimal? ContinueRate => AppealRevenue.Rate(Continued, Shown);

    /// <summary>Gifts per Continue: how many who went to the form paid.</summary>
    public decimal? PaidRate => AppealRevenue.Rate(Gifts, Continued);

    public decimal? GiftRate => AppealRevenue.Rate(Gifts, Shown);
}

/// <summary>
/// What the appeals raised, from the tallies alone (which know no supporter): pure functions over <see cref="TallySum"/>
/// and <see cref="HourCounts"/> rows, so they are tested without a database. Money stays per currency.
/// </summary>
public static class AppealRevenue
{
    /// <summary>
    /// <paramref name="part"/> ÷ <paramref name="whole"/>, null when the whole is 0. Never above 1: Continue can be pressed
    /// before a showing is counted (under a second on screen), and a rate above 100% would only mislead.
    /// </summary>
    public static decimal? Rate(long part, long whole) => whole == 0 ? null : Math.Min(1m, (decimal)part / whole);

    /// <summary>The sums grouped by <paramref name="key"/>, in the key's order, each currency's gifts apart (currencies in code order).</summary>
    public static IReadOnlyList<Source<TKey>> By<TKey>(IEnumerable<TallySum> sums, Func<TallySum, TKey> key, IComparer<TKey>? order = null)
        where TKey : notnull =>
        [.. sums.GroupBy(key).OrderBy(g => g.Key, order ?? Comparer<TKey>.Default).Select(g => new Source<TKey>(g.Key, Figures(g)))];

    /// <summary>Every sum together: the appeals' total over the period.</summary>
    public static SourceFigures Figures(IEnumerable<TallySum> sums)
    {
        var list = sums.ToList();
        return new(list.Sum(s => s.Shown), list.Sum(s => s.Continued), [.. list.Where(s => s.Currency.Length > 0).GroupBy(s => s.Currency)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CurrencyGifts(g.Key, g.Sum(s => s.Conversions), g.Sum(s => s.Recurring), g.Sum(s => s.Annualised)))]);
    }

    /// <summary>
    /// The funnel per month of <paramref name="months"/>: each tally hour counts in the month its start falls in on the
    /// newsroom's clock (in a zone a half hour off UTC, the hour across midnight of the 1st counts in the month before).
    /// </summary>
    public static IReadOnlyList<FunnelMonth> Funnel(IEnumerable<HourCounts> hours, IReadOnlyList<RevenueMonth> months, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(months);
        var byMonth = hours.GroupBy(h => RevenueMonth.Of(h.Hour, zone))
            .ToDictionary(g => g.Key, g => new FunnelMonth(g.Sum(h => h.Shown), g.Sum(h => h.Continued), g.Sum(h => h.Gifts)));
        return [.. months.Select(m => byMonth.GetValueOrDefault(m) ?? new FunnelMonth(0, 0, 0))];
    }

    /// <summary>
    /// The new gifts the ledger holds per currency: every one-time payment among <paramref name="lines"/>, and each
    /// recurring one that is its subscription's first payment (by <paramref name="firstPayments"/>), valued over a
    /// first year as the appeals count it (monthly ×12). Refunds are not lines here, as the tallies do not subtract them.
    /// </summary>
    public static IReadOnlyList<CurrencyGifts> NewGifts(IEnumerable<PaymentLine> lines, IReadOnlyDictionary<(string Provider, string Reference), DateTimeOffset> firstPayments)
    {
        ArgumentNullException.ThrowIfNull(firstPayments);
        var gifts = lines.Where(l => l.Frequency == Frequency.OneTime
            || (l.SubscriptionRef is { } reference && firstPayments.TryGetValue((l.Provider, reference), out var first) && first == l.OccurredAt));
        return [.. gifts.GroupBy(l => l.Currency).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new CurrencyGifts(
            g.Key, g.Count(), g.Count(l => l.Frequency != Frequency.OneTime), g.Sum(l => AppealConversions.Annualised(l.Amount, l.Frequency))))];
    }

    /// <summary>Per currency in either list: the ledger's new gifts, those counted through an appeal, and the rest (ledger less appeals).</summary>
    public static IReadOnlyList<OutsideAppeals> Outside(IReadOnlyList<CurrencyGifts> ledger, IReadOnlyList<CurrencyGifts> throughAppeals)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(throughAppeals);
        return [.. ledger.Select(g => g.Currency).Union(throughAppeals.Select(g => g.Currency)).Order(StringComparer.Ordinal).Select(currency =>
        {
            var all = ledger.FirstOrDefault(g => g.Currency == currency) ?? new CurrencyGifts(currency, 0, 0, 0);
            var appeals = throughAppeals.FirstOrDefault(g => g.Currency == currency) ?? new CurrencyGifts(currency, 0, 0, 0);
            return new OutsideAppeals(all, appeals, new CurrencyGifts(currency, all.Gifts - appeals.Gifts, all.Recurring - appeals.Recurring, all.FirstYear - appeals.FirstYear));
        })];
    }
}

/// <summary>A payment in the ledger as the comparison with the appeals reads it.</summary>
public sealed record PaymentLine(string Provider, string? SubscriptionRef, Frequency Frequency, long Amount, string Currency, DateTimeOffset OccurredAt);

/// <summary>One currency's new gifts: in the ledger, counted through an appeal, and the difference, which came through none (or was not counted).</summary>
public sealed record OutsideAppeals(CurrencyGifts Ledger, CurrencyGifts Appeals, CurrencyGifts Rest);
