using Masthead.Newsletters;

namespace Masthead.Tests.Unit;

/// <summary>When a briefing or a weekly is due, reckoned in Riga's local time (UTC+2, UTC+3 in summer).</summary>
public sealed class DigestTests
{
    private static readonly TimeZoneInfo Riga = TimeZoneInfo.FindSystemTimeZoneById("Europe/Riga");

    private static DateTimeOffset Utc(int month, int day, int hour, int year = 2027) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_hour_the_clocks_skip_becomes_the_first_hour_after_the_gap()
    {
        // 28 March 2027: 03:00 local does not happen; 04:00 EEST is 01:00 UTC.
        Assert.Equal(Utc(3, 28, 1), Digest.LocalHour(new DateOnly(2027, 3, 28), 3, Riga));
    }

    [Fact]
    public void An_hour_the_clocks_repeat_is_its_first_passing()
    {
        // 25 October 2026: 03:00 local happens at 00:00 UTC (EEST) and again at 01:00 UTC (EET).
        Assert.Equal(Utc(10, 25, 0, 2026), Digest.LocalHour(new DateOnly(2026, 10, 25), 3, Riga));
    }

    [Fact]
    public void A_weekly_is_due_on_the_latest_sunday_whose_hour_has_come()
    {
        // Sunday 7 March 2027, 8 local = 06:00 UTC.
        var before = Digest.Latest(NewsletterKind.Weekly, 8, Utc(3, 7, 5), Riga);
        Assert.Equal(("week:2027-02-28", Utc(2, 28, 6)), (before.Occasion, before.At));

        var on = Digest.Latest(NewsletterKind.Weekly, 8, Utc(3, 7, 6), Riga);
        Assert.Equal(("week:2027-03-07", Utc(3, 7, 6), Utc(2, 28, 6)), (on.Occasion, on.At, on.Previous));
        Assert.Equal(on, Digest.Latest(NewsletterKind.Weekly, 8, Utc(3, 13, 23), Riga));
    }

    [Fact]
    public void A_digest_carries_from_the_last_one_when_it_was_recent_else_from_the_occasion_before()
    {
        var digest = Digest.Latest(NewsletterKind.DailyBriefing, 9, Utc(3, 10, 12), Riga);
        Assert.Equal(digest.Previous, digest.Since(null));
        Assert.Equal(digest.Previous, digest.Since(Utc(1, 1, 7)));
        Assert.Equal(digest.BeforePrevious, digest.Since(digest.BeforePrevious));
        Assert.Equal(Utc(3, 9, 16), digest.Since(Utc(3, 9, 16)));
    }
}
