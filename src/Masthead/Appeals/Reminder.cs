namespace Masthead.Appeals;

/// <summary>
/// "Remind me later" by email: one message on the chosen day, then the address is deleted. Kept encrypted until
/// then, and stored in the database so a restart loses no reminder.
/// </summary>
public sealed class Reminder
{
    /// <summary>The hour, in the newsroom's time zone, at which a reminder goes out on its day.</summary>
    public const int Hour = 9;

    /// <summary>How many months ahead the reader may pick from the list of months.</summary>
    public const int MonthsOffered = 12;

    public int Id { get; set; }
    public required string EmailProtected { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The code of the edition the reader asked in, whose language the reminder is written in; empty in rows from before editions, read as the default edition.</summary>
    public string Edition { get; set; } = "";

    /// <summary>Set while a send is under way, so two workers never send the same reminder.</summary>
    public DateTimeOffset? SendingSince { get; set; }

    /// <summary>
    /// When the reminder goes out (09:00 in <paramref name="zone"/>, as UTC), or null when the month or day chosen is
    /// not one the reader may choose on the day <paramref name="now"/> falls on there.
    /// </summary>
    public static DateTimeOffset? DueDate(DateTimeOffset now, ReminderChoice choice, DateOnly chosen, TimeZoneInfo zone) =>
        DueDay(Today(now, zone), choice, chosen) is { } day ? At(day, zone) : null;

    /// <summary>
    /// The day of each choice. "Next month" is the first of next month — or of the month after, when the reader is
    /// already past the 20th and next month is barely ten days away. "In 3 months" is the first of the month three
    /// months on. A month must be one of <see cref="Months"/> (its first day is the day); a day must lie from tomorrow
    /// to a year from today. <paramref name="chosen"/> is read only for those two.
    /// </summary>
    public static DateOnly? DueDay(DateOnly today, ReminderChoice choice, DateOnly chosen) => choice switch
    {
        ReminderChoice.NextMonth => FirstOfMonth(today).AddMonths(today.Day > 20 ? 2 : 1),
        ReminderChoice.InThreeMonths => FirstOfMonth(today).AddMonths(3),
        ReminderChoice.Month => Months(today).Contains(chosen) ? chosen : null,
        ReminderChoice.Day => chosen >= FirstDay(today) && chosen <= LastDay(today) ? chosen : null,
        _ => null,
    };

    /// <summary>The first days of the <see cref="MonthsOffered"/> months after this one.</summary>
    public static IReadOnlyList<DateOnly> Months(DateOnly today)
    {
        var first = FirstOfMonth(today);
        return [.. Enumerable.Range(1, MonthsOffered).Select(months => first.AddMonths(months))];
    }

    /// <summary>The earliest day the reader may pick: tomorrow, since today's 09:00 may be past.</summary>
    public static DateOnly FirstDay(DateOnly today) => today.AddDays(1);

    /// <summary>The latest day the reader may pick: a year from today (28 February from a 29th).</summary>
    public static DateOnly LastDay(DateOnly today) => today.AddYears(1);

    /// <summary>The newsroom's day at <paramref name="now"/>.</summary>
    public static DateOnly Today(DateTimeOffset now, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    /// <summary>09:00 on <paramref name="day"/> in <paramref name="zone"/>, with that day's offset (summer or winter time).</summary>
    public static DateTimeOffset At(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(new TimeOnly(Hour, 0), DateTimeKind.Unspecified);

        // A zone whose clocks jump over 09:00 that day (none does today) gets the first hour that exists.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);
}

/// <summary>What the reader picked on the reminder form.</summary>
public enum ReminderChoice
{
    NextMonth,
    InThreeMonths,

    /// <summary>The first of a month from the list.</summary>
    Month,

    /// <summary>A day from tomorrow to a year ahead.</summary>
    Day,
}
