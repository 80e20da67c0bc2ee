using Masthead.Appeals.Experiments;

namespace Masthead.Tests.Unit;

public sealed class ExperimentResultsTests
{
    private static readonly (int, string)[] Two = [(0, "Appeal"), (1, "Short")];

    private static ExperimentResults.Row Events(int variant, long shown, long continued) => new(variant, "", shown, continued, 0, 0, 0, 0);

    [Fact]
    public void Until_every_version_has_its_planned_showings_it_is_too_early_whatever_the_figures()
    {
        var results = ExperimentResults.Of(Two, [Events(0, 999, 10), Events(1, 5000, 400)], plannedShowings: 1000);
        Assert.Equal(Verdict.TooEarly, results.Verdict);
        Assert.Null(results.Best);
    }

    [Fact]
    public void A_clear_lift_in_Continue_makes_a_winner_and_a_small_one_none()
    {
        var clear = ExperimentResults.Of(Two, [Events(0, 10_000, 200), Events(1, 10_000, 300)], plannedShowings: 10_000);
        Assert.Equal((Verdict.Winner, 1), (clear.Verdict, clear.Best!.Number));
        Assert.True(clear.Variants[1].ChanceBestContinue > 0.99);

        var close = ExperimentResults.Of(Two, [Events(0, 10_000, 200), Events(1, 10_000, 205)], plannedShowings: 10_000);
        Assert.Equal(Verdict.NoClearWinner, close.Verdict);
    }

    [Fact]
    public void Gifts_decide_once_there_are_any_and_revenue_is_per_thousand_showings_in_each_currency()
    {
        var results = ExperimentResults.Of(Two,
        [
            Events(0, 10_000, 300), Events(1, 10_000, 200),
            new ExperimentResults.Row(1, "EUR", 0, 0, 30, 30, 30 * 2400, 30 * 24.0 * 24.0),
            new ExperimentResults.Row(0, "EUR", 0, 0, 5, 5, 5 * 2400, 5 * 24.0 * 24.0),
        ], plannedShowings: 10_000);

        Assert.Equal((Verdict.Winner, 1), (results.Verdict, results.Best!.Number));
        var revenue = Assert.Single(results.Variants[1].Revenue);
        Assert.Equal(("EUR", 72.0, 30L), (revenue.Currency, revenue.PerThousand, revenue.Gifts), new RevenueComparer());
        Assert.InRange(revenue.Interval.Low, 40, 72);
        Assert.InRange(revenue.Interval.High, 72, 110);
    }

    [Fact]
    public void A_split_far_from_even_raises_the_alarm()
    {
        var results = ExperimentResults.Of(Two, [Events(0, 10_500, 200), Events(1, 9_500, 200)], plannedShowings: 100);
        Assert.True(results.SplitIsOff);
        Assert.False(ExperimentResults.Of(Two, [Events(0, 10_050, 200), Events(1, 9_950, 200)], plannedShowings: 100).SplitIsOff);
    }

    private sealed class RevenueComparer : IEqualityComparer<(string, double, long)>
    {
        public bool Equals((string, double, long) x, (string, double, long) y) => x.Item1 == y.Item1 && Math.Abs(x.Item2 - y.Item2) < 1e-9 && x.Item3 == y.Item3;

        public int GetHashCode((string, double, long) obj) => obj.Item1.GetHashCode(StringComparison.Ordinal);
    }
}
