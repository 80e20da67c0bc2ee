using Masthead.Appeals;

namespace Masthead.Tests.Unit;

/// <summary>The day a reminder goes out for each choice on the form, 09:00 in the newsroom's time zone.</summary>
public sealed class ReminderDueDateTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static DateTimeOffset Utc(int year, int month, int day, int hour = 9, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    private static DateTimeOffset? Due(DateTimeOffset now, ReminderChoice choice, DateOnly chosen = default, TimeZoneInfo? zone = null) =>
        Reminder.DueDate(now, choice, chosen, zone ?? TimeZoneInfo.Utc);

    [Theory]
    [InlineData(2026, 11, 2, 2026, 12, 1)]
    [InlineData(2026, 11, 20, 2026, 12, 1)]
    [InlineData(2026, 11, 21, 2027, 1, 1)]
    [InlineData(2026, 12, 3, 2027, 1, 1)]
    [InlineData(2026, 12, 31, 2027, 2, 1)]
    public void Next_month_is_the_first_of_next_month_or_of_the_month_after_past_the_20th(int year, int month, int day, int dueYear, int dueMonth, int dueDay)
    {
        Assert.Equal(Utc(dueYear, dueMonth, dueDay), Due(Utc(year, month, day, 15), ReminderChoice.NextMonth));
    }

    [Theory]
    [InlineData(2026, 11, 2, 2027, 2, 1)]
    [InlineData(2026, 10, 31, 2027, 1, 1)]
    [InlineData(2026, 12, 25, 2027, 3, 1)]
    public void In_three_months_is_the_first_of_the_month_three_months_on_across_the_year(int year, int month, int day, int dueYear, int dueMonth, int dueDay)
    {
        Assert.Equal(Utc(dueYear, dueMonth, dueDay), Due(Utc(year, month, day), ReminderChoice.InThreeMonths));
    }

    [Fact]
    public void The_months_offered_are_the_twelve_after_this_one_across_the_year()
    {
        var months = Reminder.Months(new DateOnly(2026, 12, 3));

        Assert.Equal(12, months.Count);
        Assert.Equal(new DateOnly(2027, 1, 1), months[0]);
        Assert.Equal(new DateOnly(2027, 12, 1), months[^1]);
        Assert.All(months, first => Assert.Equal(1, first.Day));
    }

    [Fact]
    public void A_month_from_the_list_is_due_on_its_first_and_one_outside_it_is_refused()
    {
        var now = Utc(2026, 12, 3);

        Assert.Equal(Utc(2027, 3, 1), Due(now, ReminderChoice.Month, new DateOnly(2027, 3, 1)));
        Assert.Equal(Utc(2027, 12, 1), Due(now, ReminderChoice.Month, new DateOnly(2027, 12, 1)));
        Assert.Null(Due(now, ReminderChoice.Month, new DateOnly(2026, 12, 1)));
        Assert.Null(Due(now, ReminderChoice.Month, new DateOnly(2028, 1, 1)));
        Assert.Null(Due(now, ReminderChoice.Month, new DateOnly(2027, 3, 14)));
        Assert.Null(Due(now, ReminderChoice.Month, default));
    }

    [Fact]
    public void A_day_may_be_from_tomorrow_to_a_year_from_today()
    {
        var now = Utc(2026, 12, 3, 23, 30);

        Assert.Null(Due(now, ReminderChoice.Day, new DateOnly(2026, 12, 2)));
        Assert.Null(Due(now, ReminderChoice.Day, new DateOnly(2026, 12, 3)));
        Assert.Equal(Utc(2026, 12, 4), Due(now, ReminderChoice.Day, new DateOnly(2026, 12, 4)));
        Assert.Equal(Utc(2027, 12, 3), Due(now, ReminderChoice.Day, new DateOnly(2027, 12, 3)));
        Assert.Null(Due(now, ReminderChoice.Day, new DateOnly(2027, 12, 4)));
        Assert.Null(Due(now, ReminderChoice.Day, default));
    }

    [Fact]
    public void From_the_29th_of_February_a_year_ahead_is_the_28th()
    {
        var today = new DateOnly(2028, 2, 29);
        Assert.Equal(new DateOnly(2029, 2, 28), Reminder.LastDay(today));
        Assert.Equal(new DateOnly(2028, 3, 1), Reminder.FirstDay(today));
    }

    [Fact]
    public void Today_is_the_newsroom_s_day_not_the_server_s()
    {
        // 23:30 UTC on 31 December is already 1 January in Berlin: "next month" is then February, "tomorrow" 2 January.
        var now = Utc(2026, 12, 31, 23, 30);

        Assert.Equal(new DateOnly(2027, 1, 1), Reminder.Today(now, Berlin));
        Assert.Equal(new DateOnly(2027, 2, 1).ToDateTime(new TimeOnly(8, 0)), Due(now, ReminderChoice.NextMonth, zone: Berlin)!.Value.UtcDateTime);
        Assert.Null(Due(now, ReminderChoice.Day, new DateOnly(2027, 1, 1), Berlin));
        Assert.NotNull(Due(now, ReminderChoice.Day, new DateOnly(2027, 1, 2), Berlin));
        Assert.Null(Due(now, ReminderChoice.Month, new DateOnly(2027, 1, 1), Berlin));
    }

    [Theory]
    [InlineData(2027, 3, 27, 8)]
    [InlineData(2027, 3, 28, 7)]
    [InlineData(2027, 10, 30, 7)]
    [InlineData(2027, 10, 31, 8)]
    public void It_goes_at_nine_in_Berlin_on_either_side_of_a_clock_change(int year, int month, int day, int utcHour)
    {
        var due = Due(Utc(2026, 12, 3), ReminderChoice.Day, new DateOnly(year, month, day), Berlin)!.Value;

        Assert.Equal(Utc(year, month, day, utcHour), due);
        Assert.Equal(new DateTime(year, month, day, 9, 0, 0), TimeZoneInfo.ConvertTime(due, Berlin).DateTime);
    }

    [Fact]
    public void The_first_of_a_month_in_summer_time_is_nine_o_clock_in_summer_time()
    {
        // Asked in winter (UTC+1) for the first of a summer month (UTC+2): the offset is that day's.
        Assert.Equal(Utc(2027, 4, 1, 7), Due(Utc(2026, 12, 3), ReminderChoice.Month, new DateOnly(2027, 4, 1), Berlin));
        Assert.Equal(Utc(2027, 3, 1, 8), Due(Utc(2026, 12, 3), ReminderChoice.InThreeMonths, zone: Berlin));
    }
}
