using Masthead.Contributions;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Appeals.Experiments;

/// <summary>One variant's figures, added up over every hour and placement, with the statistics read from them.</summary>
public sealed record VariantResult(
    int Number, string Name, long Shown, long Continued, long Conversions, Interval ContinueRate, Interval ConversionRate,
    IReadOnlyList<RevenueResult> Revenue, double ChanceBestContinue, double ChanceBestGift)
{
    // Continue can be pressed before a showing is counted (under a second on screen): never above 100%.
    public double ContinueShare => Shown == 0 ? 0 : (double)Math.Min(Continued, Shown) / Shown;
    public double ConversionShare => Shown == 0 ? 0 : (double)Math.Min(Conversions, Shown) / Shown;
}

/// <summary>New revenue over a year per 1,000 showings in one currency, with its 95% interval, in major units.</summary>
public sealed record RevenueResult(string Currency, double PerThousand, Interval Interval, long Gifts, long Recurring);

public enum Verdict
{
    TooEarly,
    NoClearWinner,
    Winner,
}

/// <summary>
/// A test's results as a newsroom reads them: per variant, showings, Continue and gift rates with 95% Wilson intervals,
/// new revenue per 1,000 showings (monthly ×12, annual and one-time as given) with a normal interval, the chance that
/// each is best (Beta-Binomial, <see cref="ExperimentStatistics.ProbabilityBest"/>), a sample-ratio check of the split,
/// and a verdict: too early until every variant has its planned showings, then a winner at 95% or none.
/// </summary>
public sealed record ExperimentResults(IReadOnlyList<VariantResult> Variants, double SampleRatioP, Verdict Verdict, VariantResult? Best)
{
    /// <summary>Below this, the split between variants is too far from even to trust: the counting or the drawing is broken.</summary>
    public const double SampleRatioAlarm = 0.001;

    public const double WinnerChance = 0.95;

    public bool SplitIsOff => SampleRatioP < SampleRatioAlarm;

    public static async Task<ExperimentResults> ForAsync(MastheadDb db, Appeal appeal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(appeal);
        var since = appeal.TestStartedAt ?? DateTimeOffset.MinValue;
        var sinceHour = AppealCounts.HourOf(since);
        var rows = await db.AppealTallies.AsNoTracking().Where(t => t.AppealId == appeal.Id && t.Hour >= sinceHour)
            .GroupBy(t => new { t.Variant, t.Currency })
            .Select(g => new Row(g.Key.Variant, g.Key.Currency, g.Sum(t => t.Shown), g.Sum(t => t.Continued), g.Sum(t => t.Conversions),
                g.Sum(t => t.Recurring), g.Sum(t => t.Annualised), g.Sum(t => t.AnnualisedSquares)))
            .ToListAsync(cancellationToken);
        var names = new List<(int Number, string Name)> { (0, appeal.Name) };
        names.AddRange(appeal.Variants.OrderBy(v => v.Number).Select(v => (v.Number, v.Name)));
        return Of(names, rows, appeal.TestPlannedShowings);
    }

    /// <summary>The tallies' sums per variant and currency (an empty currency for the reader script's events).</summary>
    public sealed record Row(int Variant, string Currency, long Shown, long Continued, long Conversions, long Recurring, long Annualised, double AnnualisedSquares);

    public static ExperimentResults Of(IReadOnlyList<(int Number, string Name)> variants, IReadOnlyList<Row> rows, int plannedShowings)
    {
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(rows);
        var counts = variants.Select(v =>
        {
            var mine = rows.Where(r => r.Variant == v.Number).ToList();
            var shown = mine.Sum(r => r.Shown);
            var gifts = mine.Where(r => r.Currency.Length > 0).ToList();
            return (v.Number, v.Name, Shown: shown, Continued: mine.Sum(r => r.Continued), Conversions: gifts.Sum(r => r.Conversions),
                // A gift can only follow a showing this browser counted; where counting missed it, the rate is capped at all.
                Revenue: gifts.OrderBy(r => r.Currency, StringComparer.Ordinal).Select(r => Revenue(r, shown)).ToList());
        }).ToList();
        var chanceContinue = ExperimentStatistics.ProbabilityBest([.. counts.Select(c => (Math.Min(c.Continued, c.Shown), c.Shown))]);
        var chanceGift = ExperimentStatistics.ProbabilityBest([.. counts.Select(c => (Math.Min(c.Conversions, c.Shown), c.Shown))]);
        var results = counts.Select((c, i) => new VariantResult(
            c.Number, c.Name, c.Shown, c.Continued, c.Conversions,
            ExperimentStatistics.Wilson(Math.Min(c.Continued, c.Shown), c.Shown), ExperimentStatistics.Wilson(Math.Min(c.Conversions, c.Shown), c.Shown),
            c.Revenue, chanceContinue[i], chanceGift[i])).ToList();
        var srm = ExperimentStatistics.SampleRatioPValue([.. counts.Select(c => c.Shown)], [.. counts.Select(_ => 1.0)]);

        // Gifts decide when there are any; until then, Continue.
        var byGifts = results.Sum(r => r.Conversions) > 0;
        var best = results.Count < 2 ? null : results.MaxBy(r => byGifts ? r.ChanceBestGift : r.ChanceBestContinue);
        var verdict = results.Count < 2 || results.Any(r => r.Shown < plannedShowings) ? Verdict.TooEarly
            : (byGifts ? best!.ChanceBestGift : best!.ChanceBestContinue) >= WinnerChance ? Verdict.Winner
            : Verdict.NoClearWinner;
        return new ExperimentResults(results, srm, verdict, verdict == Verdict.Winner ? best : null);
    }

    private static RevenueResult Revenue(Row row, long shown)
    {
        var factor = Currencies.Factor(row.Currency);

        // Per showing, a gift's annualised value and nothing for every showing that gave nothing: n is the showings.
        var n = Math.Max(shown, row.Conversions);
        var (mean, interval) = ExperimentStatistics.Mean(n, (double)row.Annualised / factor, row.AnnualisedSquares);
        return new RevenueResult(row.Currency, mean * 1000, new Interval(interval.Low * 1000, interval.High * 1000), row.Conversions, row.Recurring);
    }
}
