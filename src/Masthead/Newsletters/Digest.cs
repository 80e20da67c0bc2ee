using System.Globalization;

namespace Masthead.Newsletters;

/// <summary>
/// One issue of a daily briefing or a weekly list: the local day it is for (the Sunday, for a weekly), the moment it
/// is due, and the two due moments before it, all reckoned in the newsroom's zone so that "9 in the morning" stays
/// 9 in the morning across a change of the clocks.
/// </summary>
public sealed record Digest(NewsletterKind Kind, DateOnly Day, DateTimeOffset At, DateTimeOffset Previous, DateTimeOffset BeforePrevious)
{
    /// <summary>The day a weekly list goes out.</summary>
    public const DayOfWeek WeeklyDay = DayOfWeek.Sunday;

    /// <summary>The occasion's key on its issue (<see cref="NewsletterIssue.Occasion"/>).</summary>
    public string Occasion => $"{Prefix(Kind)}{Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>What every occasion of <paramref name="kind"/> starts with.</summary>
    public static string Prefix(NewsletterKind kind) => kind == NewsletterKind.Weekly ? "week:" : "day:";

    /// <summary>The latest digest of a daily (<see cref="NewsletterKind.DailyBriefing"/>) or weekly list due by <paramref name="now"/>.</summary>
    public static Digest Latest(NewsletterKind kind, int hour, DateTimeOffset now, TimeZoneInfo zone)
    {
        var step = kind == NewsletterKind.Weekly ? 7 : 1;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var day = kind == NewsletterKind.Weekly ? today.AddDays(-(((int)today.DayOfWeek - (int)WeeklyDay + 7) % 7)) : today;
        if (LocalHour(day, hour, zone) > now)
        {
            day = day.AddDays(-step);
        }

        return new(kind, day, LocalHour(day, hour, zone), LocalHour(day.AddDays(-step), hour, zone), LocalHour(day.AddDays(-2 * step), hour, zone));
    }

    /// <summary>
    /// <paramref name="hour"/> o'clock on <paramref name="day"/> in <paramref name="zone"/>. An hour the clocks skip
    /// becomes the first one after the gap; an hour they repeat is its first passing.
    /// </summary>
    public static DateTimeOffset LocalHour(DateOnly day, int hour, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(new TimeOnly(hour, 0));

        // Gaps are an hour or half of one today, and once a whole day (Samoa, 2011): two days of half hours cover any.
        for (var step = 0; zone.IsInvalidTime(local) && step < 96; step++)
        {
            local = local.AddMinutes(30);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>
    /// Where the digest's articles start: where the list's previous digest (<paramref name="lastAt"/>) ended when it
    /// was one of the two occasions before (so a missed day is carried, and an hour changed between two leaves no
    /// gap and no overlap), else the occasion before this one: the first carries a day (a week), and a list switched
    /// on after months sends no archive.
    /// </summary>
    public DateTimeOffset Since(DateTimeOffset? lastAt) => lastAt is { } last && last >= BeforePrevious && last < At ? last : Previous;
}
