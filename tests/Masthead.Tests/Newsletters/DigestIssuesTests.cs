using Masthead.Newsletters;
using Masthead.Tests.Infrastructure;
using static Masthead.Tests.Newsletters.NewsletterDesk;

namespace Masthead.Tests.Newsletters;

/// <summary>
/// Daily briefings and weeklies (<see cref="ListIssues"/>, <see cref="Digest"/>): at the list's hour in the newsroom's
/// zone, across a change of the clocks, with the articles since the one before, made once, and none for an empty day.
/// </summary>
public abstract class DigestIssuesTests(MastheadFactory factory)
{
    [Fact]
    public async Task The_daily_briefing_goes_out_at_its_hour_in_the_newsrooms_zone_once_with_the_days_articles_and_not_on_an_empty_day()
    {
        // Riga is two hours ahead of UTC in November: the briefing at 9 goes out at 07:00 UTC.
        await using var own = OwnNewsroom(factory, "Europe/Riga");
        var list = await AutomaticListAsync(own, NewsletterKind.DailyBriefing, hour: 9);
        await MakeIssuesAsync(own);
        own.Clock.SetUtcNow(At(2026, 11, 2, 12, 0));
        var afternoon = await PublishAsync(own, "The afternoon's story");
        own.Clock.SetUtcNow(At(2026, 11, 3, 6, 30));
        var morning = await PublishAsync(own, "The morning's story");

        own.Clock.SetUtcNow(At(2026, 11, 3, 6, 59));
        await MakeIssuesAsync(own);
        Assert.Empty(await IssuesAsync(own, list));

        own.Clock.SetUtcNow(At(2026, 11, 3, 7, 0));
        await MakeIssuesAsync(own);
        await Task.WhenAll(MakeIssuesAsync(own), MakeIssuesAsync(own));
        var briefing = Assert.Single(await IssuesAsync(own, list));
        Assert.Equal("The day's news: 3 November 2026", briefing.Subject);
        Assert.Equal([morning, afternoon], briefing.Articles);
        Assert.Equal("day:2026-11-03", briefing.Occasion);

        // After the hour: tomorrow's. Then a day with nothing published sends nothing.
        own.Clock.SetUtcNow(At(2026, 11, 3, 7, 30));
        var late = await PublishAsync(own, "Just after the briefing");
        own.Clock.SetUtcNow(At(2026, 11, 4, 7, 0));
        await MakeIssuesAsync(own);
        own.Clock.SetUtcNow(At(2026, 11, 5, 7, 0));
        await MakeIssuesAsync(own);
        own.Clock.SetUtcNow(At(2026, 11, 5, 20, 0));
        await MakeIssuesAsync(own);
        Assert.Equal([[morning, afternoon], [late]], (await IssuesAsync(own, list)).Select(i => i.Articles));
    }

    [Fact]
    public async Task The_daily_briefing_keeps_its_local_hour_when_the_clocks_go_forward()
    {
        // Riga moves from UTC+2 to UTC+3 at 03:00 on 28 March 2027: 9 o'clock is 07:00 UTC on the 27th, 06:00 UTC on the 28th.
        await using var own = OwnNewsroom(factory, "Europe/Riga");
        var list = await AutomaticListAsync(own, NewsletterKind.DailyBriefing, hour: 9);
        await MakeIssuesAsync(own);
        own.Clock.SetUtcNow(At(2027, 3, 27, 6, 0));
        var saturday = await PublishAsync(own, "Saturday's story");
        own.Clock.SetUtcNow(At(2027, 3, 27, 7, 0));
        await MakeIssuesAsync(own);
        own.Clock.SetUtcNow(At(2027, 3, 27, 12, 0));
        var afternoon = await PublishAsync(own, "Saturday afternoon's story");

        own.Clock.SetUtcNow(At(2027, 3, 28, 5, 59));
        await MakeIssuesAsync(own);
        Assert.Single(await IssuesAsync(own, list));

        own.Clock.SetUtcNow(At(2027, 3, 28, 6, 0));
        await MakeIssuesAsync(own);
        var issues = await IssuesAsync(own, list);
        Assert.Equal([[saturday], [afternoon]], issues.Select(i => i.Articles));
        Assert.Equal(["day:2027-03-27", "day:2027-03-28"], issues.Select(i => i.Occasion));
        Assert.Equal([At(2027, 3, 27, 7, 0), At(2027, 3, 28, 6, 0)], issues.Select(i => i.SendAt));
    }

    [Fact]
    public async Task The_weekly_goes_out_on_sunday_at_its_hour_with_the_weeks_articles_and_not_after_an_empty_week()
    {
        // No hour set: the default, 8 in the morning, Riga time (06:00 UTC in November).
        await using var own = OwnNewsroom(factory, "Europe/Riga");
        var list = await AutomaticListAsync(own, NewsletterKind.Weekly);
        await MakeIssuesAsync(own);
        own.Clock.SetUtcNow(At(2026, 11, 3, 10, 0));
        var tuesday = await PublishAsync(own, "Tuesday's story");
        own.Clock.SetUtcNow(At(2026, 11, 7, 10, 0));
        var saturday = await PublishAsync(own, "Saturday's story");

        own.Clock.SetUtcNow(At(2026, 11, 8, 5, 59));
        await MakeIssuesAsync(own);
        Assert.Empty(await IssuesAsync(own, list));

        own.Clock.SetUtcNow(At(2026, 11, 8, 6, 0));
        await Task.WhenAll(MakeIssuesAsync(own), MakeIssuesAsync(own));
        await MakeIssuesAsync(own);
        var weekly = Assert.Single(await IssuesAsync(own, list));
        Assert.Equal("The week's news: 8 November 2026", weekly.Subject);
        Assert.Equal([saturday, tuesday], weekly.Articles);

        own.Clock.SetUtcNow(At(2026, 11, 15, 6, 0));
        await MakeIssuesAsync(own);
        Assert.Single(await IssuesAsync(own, list));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DigestIssuesTestsOnSqlite(SqliteFactory factory) : DigestIssuesTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class DigestIssuesTestsOnPostgres(PostgresFactory factory) : DigestIssuesTests(factory);
