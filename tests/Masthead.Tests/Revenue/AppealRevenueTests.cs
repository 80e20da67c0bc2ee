using Masthead.Appeals;
using Masthead.Contributions;
using Masthead.Revenue;

namespace Masthead.Tests.Revenue;

/// <summary>The appeals report's sums, as pure functions over tally and ledger rows.</summary>
public sealed class AppealRevenueTests
{
    private static readonly TimeZoneInfo Riga = TimeZoneInfo.FindSystemTimeZoneById("Europe/Riga");
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static TallySum Sum(int appeal, string currency = "", long shown = 0, long continued = 0, long gifts = 0, long recurring = 0, long annualised = 0,
        int variant = 0, AppealPlacement placement = AppealPlacement.EndOfArticle) =>
        new(appeal, variant, placement, currency, shown, continued, gifts, recurring, annualised);

    [Fact]
    public void A_rate_is_null_with_nothing_to_divide_by_and_never_above_one()
    {
        Assert.Null(AppealRevenue.Rate(3, 0));
        Assert.Equal(0.25m, AppealRevenue.Rate(1, 4));
        Assert.Equal(1m, AppealRevenue.Rate(7, 5));
    }

    [Fact]
    public void Figures_keep_each_currency_apart_and_count_events_from_the_rows_without_one()
    {
        var figures = AppealRevenue.Figures([Sum(1, shown: 100, continued: 10), Sum(1, "USD", gifts: 2, recurring: 1, annualised: 7000), Sum(2, "EUR", gifts: 1, annualised: 500),
            Sum(2, shown: 50, continued: 5), Sum(1, "USD", gifts: 1, annualised: 1000)]);

        Assert.Equal((150L, 15L, 4L, 1L), (figures.Shown, figures.Continued, figures.Gifts, figures.Recurring));
        Assert.Equal([new CurrencyGifts("EUR", 1, 0, 500), new CurrencyGifts("USD", 3, 1, 8000)], figures.Currencies);
        Assert.Equal(0.1m, figures.ContinueRate);
    }

    [Fact]
    public void By_groups_in_the_keys_order()
    {
        var rows = AppealRevenue.By([Sum(2, shown: 5, placement: AppealPlacement.BannerBottom), Sum(1, shown: 7), Sum(3, "USD", gifts: 1, annualised: 100)], s => s.Placement);

        Assert.Equal([AppealPlacement.EndOfArticle, AppealPlacement.BannerBottom], rows.Select(r => r.Key));
        Assert.Equal([7L, 5L], rows.Select(r => r.Figures.Shown));
        Assert.Equal(1L, rows[0].Figures.Gifts);
    }

    [Fact]
    public void The_funnel_counts_each_hour_in_its_month_on_the_newsrooms_clock_and_fills_empty_months()
    {
        var months = RevenueMonth.Ending(Now, Riga, 3);

        var funnel = AppealRevenue.Funnel(
        [
            new HourCounts(new DateTimeOffset(2026, 10, 31, 21, 0, 0, TimeSpan.Zero), 10, 2, 1),
            new HourCounts(new DateTimeOffset(2026, 10, 31, 22, 0, 0, TimeSpan.Zero), 20, 4, 1),
            new HourCounts(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero), 30, 6, 0),
        ], months, Riga);

        Assert.Equal([new FunnelMonth(0, 0, 0), new FunnelMonth(10, 2, 1), new FunnelMonth(50, 10, 1)], funnel);
        Assert.Null(funnel[0].ContinueRate);
        Assert.Equal(0.1m, funnel[2].PaidRate);
        Assert.Equal(0.02m, funnel[2].GiftRate);
    }

    [Fact]
    public void The_ledgers_new_gifts_are_one_time_gifts_and_first_payments_valued_over_a_year()
    {
        var first = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
        PaymentLine Line(string? subscription, Frequency frequency, long amount, DateTimeOffset at, string currency = "USD") => new("sandbox", subscription, frequency, amount, currency, at);

        var gifts = AppealRevenue.NewGifts(
        [
            Line("sub_m", Frequency.Monthly, 500, first),
            Line("sub_m", Frequency.Monthly, 500, first.AddMonths(1)),
            Line("sub_a", Frequency.Annual, 12_000, first.AddDays(3), "EUR"),
            Line("sub_old", Frequency.Annual, 9_000, first, "EUR"),
            Line(null, Frequency.OneTime, 1_000, first),
        ], new Dictionary<(string, string), DateTimeOffset> { [("sandbox", "sub_m")] = first, [("sandbox", "sub_a")] = first.AddDays(3), [("sandbox", "sub_old")] = first.AddYears(-1) });

        Assert.Equal([new CurrencyGifts("EUR", 1, 1, 12_000), new CurrencyGifts("USD", 2, 1, 7_000)], gifts);
    }

    [Fact]
    public void Outside_the_appeals_is_the_ledger_less_the_appeals_per_currency_in_either()
    {
        var outside = AppealRevenue.Outside([new CurrencyGifts("USD", 5, 2, 9_000)], [new CurrencyGifts("EUR", 1, 0, 300), new CurrencyGifts("USD", 3, 1, 4_000)]);

        Assert.Equal(["EUR", "USD"], outside.Select(o => o.Ledger.Currency));
        Assert.Equal(new CurrencyGifts("EUR", -1, 0, -300), outside[0].Rest);
        Assert.Equal(new CurrencyGifts("USD", 2, 1, 5_000), outside[1].Rest);
        Assert.Equal(new CurrencyGifts("USD", 3, 1, 4_000), outside[1].Appeals);
    }

    [Theory]
    [InlineData(null, 12)]
    [InlineData("", 12)]
    [InlineData("1", 1)]
    [InlineData("24", 24)]
    public void A_period_is_one_of_the_choices_ending_with_this_month(string? text, int count)
    {
        var period = RevenuePeriod.Parse(text, Now, Riga)!;

        Assert.Equal(count, period.Count);
        Assert.Equal(new RevenueMonth(2026, 11), period.Months[^1]);
        Assert.Equal(period.Months[0].Start(Riga), period.From);
        Assert.Equal(Now, period.To);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("0")]
    [InlineData("-12")]
    [InlineData(" 12")]
    [InlineData("12.0")]
    [InlineData("99999999999999999999")]
    public void Any_other_period_is_refused(string text) =>
        Assert.Null(RevenuePeriod.Parse(text, Now, Riga));
}
