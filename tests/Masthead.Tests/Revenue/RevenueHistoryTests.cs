using Masthead.Contributions;
using Masthead.Revenue;

namespace Masthead.Tests.Revenue;

/// <summary>The month arithmetic of the revenue dashboard, over plain rows: no database, no clock but the one given.</summary>
public sealed class RevenueHistoryTests
{
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;
    private static readonly TimeZoneInfo Riga = TimeZoneInfo.FindSystemTimeZoneById("Europe/Riga");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);

    private static IReadOnlyList<RevenueMonth> Months(string first, int count) =>
        [.. Enumerable.Range(0, count).Select(i => RevenueMonth.Of(At(first), Utc).Plus(i))];

    private static LedgerLine Line(Frequency frequency, long amount, string at, string currency = "USD") => new(frequency, amount, currency, At(at));

    [Fact]
    public void An_annual_payment_counts_a_twelfth_in_each_of_the_twelve_months_it_covers_and_none_after()
    {
        var months = Months("2025-01-01T00:00:00Z", 16);

        var usd = Assert.Single(RevenueHistory.Recurring([Line(Frequency.Annual, 12_000, "2025-03-15T12:00:00Z")], months, Utc));

        Assert.Equal([0, 0, .. Enumerable.Repeat(1_000L, 12), 0, 0], usd.Values);
    }

    [Fact]
    public void An_annual_payment_from_before_the_first_month_still_counts_in_it()
    {
        var months = Months("2025-06-01T00:00:00Z", 3);

        var usd = Assert.Single(RevenueHistory.Recurring([Line(Frequency.Annual, 12_000, "2024-07-20T12:00:00Z")], months, Utc));

        Assert.Equal([1_000L, 0, 0], usd.Values);
    }

    [Fact]
    public void Annual_twelfths_are_rounded_once_on_the_month_s_sum_and_monthly_payments_and_refunds_count_in_full()
    {
        var months = Months("2026-01-01T00:00:00Z", 2);
        LedgerLine[] lines =
        [
            Line(Frequency.Annual, 100, "2026-01-02T00:00:00Z"), Line(Frequency.Annual, 100, "2026-01-03T00:00:00Z"), Line(Frequency.Annual, 100, "2026-01-04T00:00:00Z"),
            Line(Frequency.Monthly, 500, "2026-01-10T00:00:00Z"), Line(Frequency.Monthly, 500, "2026-02-10T00:00:00Z"), Line(Frequency.Monthly, -500, "2026-02-11T00:00:00Z"),
        ];

        var usd = Assert.Single(RevenueHistory.Recurring(lines, months, Utc));

        // 300 / 12 = 25 each month, where a twelfth rounded line by line would give 8 + 8 + 8 = 24.
        Assert.Equal([525L, 25], usd.Values);
    }

    [Fact]
    public void Currencies_are_kept_apart_in_order_and_one_time_gifts_are_not_recurring_revenue()
    {
        var months = Months("2026-03-01T00:00:00Z", 1);
        LedgerLine[] lines =
        [
            Line(Frequency.Monthly, 500, "2026-03-05T00:00:00Z", "USD"), Line(Frequency.Monthly, 300, "2026-03-05T00:00:00Z", "EUR"),
            Line(Frequency.OneTime, 1_000, "2026-03-06T00:00:00Z", "USD"), Line(Frequency.OneTime, 700, "2026-03-06T00:00:00Z", "GBP"),
        ];

        var recurring = RevenueHistory.Recurring(lines, months, Utc);
        var oneTime = RevenueHistory.OneTime(lines, months, Utc);

        Assert.Equal(["EUR", "USD"], recurring.Select(s => s.Currency));
        Assert.Equal([300L, 500], recurring.Select(s => s.Values[0]));
        Assert.Equal(["GBP", "USD"], oneTime.Select(s => s.Currency));
        Assert.Equal([700L, 1_000], oneTime.Select(s => s.Values[0]));
    }

    [Fact]
    public void One_time_revenue_is_net_of_the_refunds_of_one_time_gifts_only()
    {
        var months = Months("2026-03-01T00:00:00Z", 2);
        LedgerLine[] lines =
        [
            Line(Frequency.OneTime, 1_000, "2026-03-06T00:00:00Z"), Line(Frequency.OneTime, 2_500, "2026-03-07T00:00:00Z"), Line(Frequency.OneTime, -1_000, "2026-04-01T00:00:00Z"),
            Line(Frequency.Monthly, -500, "2026-04-02T00:00:00Z"),
        ];

        var usd = Assert.Single(RevenueHistory.OneTime(lines, months, Utc));

        Assert.Equal([3_500L, -1_000], usd.Values);
    }

    [Fact]
    public void A_currency_with_nothing_in_the_months_shown_has_no_series()
    {
        var months = Months("2026-03-01T00:00:00Z", 2);

        Assert.Empty(RevenueHistory.OneTime([Line(Frequency.OneTime, 1_000, "2025-01-06T00:00:00Z")], months, Utc));
        Assert.True(RevenueHistory.Compute([], [], months, Utc).IsEmpty);
    }

    [Theory]
    [InlineData("2026-10-31T22:30:00Z", "Europe/Riga", "2026-11")] // 00:30 on 1 November in Riga (UTC+2)
    [InlineData("2026-03-31T21:30:00Z", "Europe/Riga", "2026-04")] // 00:30 on 1 April in Riga (summer time, UTC+3)
    [InlineData("2026-03-31T20:30:00Z", "Europe/Riga", "2026-03")]
    [InlineData("2026-12-01T03:00:00Z", "America/New_York", "2026-11")] // 22:00 on 30 November in New York
    [InlineData("2026-12-01T03:00:00Z", "UTC", "2026-12")]
    public void A_payment_belongs_to_the_month_of_the_newsroom_s_wall_clock(string utc, string zone, string month) =>
        Assert.Equal(month, RevenueMonth.Of(At(utc), TimeZoneInfo.FindSystemTimeZoneById(zone)).ToString());

    [Fact]
    public void A_payment_just_after_local_midnight_counts_in_the_new_month_in_a_non_utc_zone()
    {
        var months = RevenueMonth.Ending(At("2026-11-15T00:00:00Z"), Riga, 2);

        var usd = Assert.Single(RevenueHistory.Recurring([Line(Frequency.Monthly, 500, "2026-10-31T22:30:00Z")], months, Riga));

        Assert.Equal(["2026-10", "2026-11"], months.Select(m => m.ToString()));
        Assert.Equal([0L, 500], usd.Values);
        Assert.Equal(At("2026-10-31T22:00:00Z"), months[1].Start(Riga));
        Assert.Equal(At("2026-11-01T04:00:00Z"), months[1].Start(NewYork));
    }

    [Fact]
    public void The_months_end_with_the_newsroom_s_current_one_and_cross_the_year()
    {
        // 23:30 UTC on 31 December is already January in Riga.
        var months = RevenueMonth.Ending(At("2026-12-31T23:30:00Z"), Riga, RevenueHistory.MonthCount);

        Assert.Equal(24, months.Count);
        Assert.Equal("2025-02", months[0].ToString());
        Assert.Equal("2027-01", months[^1].ToString());
        Assert.Equal(23, months[0].MonthsUntil(months[^1]));
    }

    [Fact]
    public void Churn_is_the_ended_over_those_active_when_the_month_began()
    {
        var months = Months("2026-01-01T00:00:00Z", 4);
        SubscriptionSpan[] spans =
        [
            new(At("2025-06-01T00:00:00Z"), null),
            new(At("2025-07-01T00:00:00Z"), At("2026-03-10T00:00:00Z")),
            new(At("2025-08-01T00:00:00Z"), At("2025-12-20T00:00:00Z")), // ended before January: never active in it
            new(At("2026-01-15T00:00:00Z"), null), // new in January: not active at its start
            new(At("2026-02-01T00:00:00Z"), At("2026-02-25T00:00:00Z")), // started just after February began: new and ended in it
        ];

        var supporters = RevenueHistory.Supporters(spans, months, Utc);

        Assert.Equal([1, 1, 0, 0], supporters.Select(s => s.New));
        Assert.Equal([0, 1, 1, 0], supporters.Select(s => s.Ended));
        Assert.Equal([2, 3, 3, 2], supporters.Select(s => s.ActiveAtStart));
        Assert.Equal([0m, 1m / 3, 1m / 3, 0m], supporters.Select(s => s.Churn));
    }

    [Fact]
    public void Churn_is_none_when_nobody_was_active_at_the_month_s_start()
    {
        var months = Months("2026-01-01T00:00:00Z", 2);

        var supporters = RevenueHistory.Supporters([new(At("2026-01-10T00:00:00Z"), At("2026-01-20T00:00:00Z"))], months, Utc);

        Assert.Null(supporters[0].Churn);
        Assert.Equal(1, supporters[0].Ended);
        Assert.Null(supporters[1].Churn);
    }

    [Fact]
    public void A_subscription_started_at_local_midnight_in_riga_is_new_in_that_month_and_active_from_the_next()
    {
        var months = RevenueMonth.Ending(At("2026-12-15T00:00:00Z"), Riga, 2);

        // 00:30 on 1 November in Riga: November's, though it is still October in UTC.
        var supporters = RevenueHistory.Supporters([new(At("2026-10-31T22:30:00Z"), null)], months, Riga);

        Assert.Equal([1, 0], supporters.Select(s => s.New));
        Assert.Equal([0, 1], supporters.Select(s => s.ActiveAtStart));
    }
}
