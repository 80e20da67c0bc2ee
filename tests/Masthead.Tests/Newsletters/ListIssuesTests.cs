using Masthead.Articles;
using Masthead.Editions;
using Masthead.Newsletters;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsletters;

/// <summary>
/// The lists that send themselves (<see cref="ListIssues"/>): one issue per article gone live on an every-article list,
/// never the archive, and daily and weekly digests at the list's hour in the newsroom's zone, each made once however
/// often and however many runs look. Each test has its own newsroom, since it moves the clock far.
/// </summary>
public abstract class ListIssuesTests(MastheadFactory factory) : IDisposable
{
    private static readonly DateTimeOffset Start = MastheadFactory.StartTime;
    private readonly SmtpInbox _inbox = new();

    public void Dispose()
    {
        _inbox.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_confirmed_reader_receives_a_scheduled_article_by_itself_once_it_is_public()
    {
        await using var own = Newsroom();
        own.Settings["Masthead:Newsroom:BaseUrl"] = "https://news.example";
        foreach (var (key, value) in _inbox.Settings())
        {
            own.Settings[key] = value;
        }

        var list = await ListAsync(own, NewsletterKind.EveryArticle);
        using var reader = own.CreateBrowserClient();
        var address = SmtpInbox.UniqueAddress("every-article");
        (await NewsletterDesk.SubscribeAsync(own, reader, address, list)).Dispose();
        (await own.PostFormAsync(reader, NewsletterPaths.Confirm(await NewsletterDesk.TokenOfAsync(own, address)), [])).Dispose();
        await RunAsync(own);
        await PublishAsync(own, "The port reopens", at: Start.AddMinutes(10), status: ArticleStatus.Scheduled);

        own.Clock.Advance(TimeSpan.FromMinutes(10));
        await RunAsync(own);
        await using (var scope = own.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IssueSending>().RunOnceAsync(CancellationToken.None);
        }

        // The confirmation email goes to the same address, sent by the mail job whenever it runs: look for the issue among them.
        var message = await IssueToAsync(address, "The port reopens");
        Assert.Contains("https://news.example/articles/story-", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("About The port reopens.", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_an_article_makes_one_issue_on_an_every_article_list_however_often_and_however_many_look_and_after_a_restart()
    {
        await using var own = Newsroom();
        var list = await ListAsync(own, NewsletterKind.EveryArticle);
        await RunAsync(own);
        own.Clock.Advance(TimeSpan.FromMinutes(1));
        var article = await PublishAsync(own, "Two bases at stake");

        await RunAsync(own);
        await RunAsync(own);
        await Task.WhenAll(RunAsync(own), RunAsync(own));

        // A restart (a new app on the same database, its clock where the first one's is) makes none either.
        await using (var restarted = own.Restarted())
        {
            restarted.Clock.SetUtcNow(own.Clock.GetUtcNow());
            await RunAsync(restarted);
        }

        var issue = Assert.Single(await IssuesAsync(own, list));
        Assert.Equal("Two bases at stake", issue.Subject);
        Assert.Equal([article], issue.Articles);
        Assert.Equal($"article:{article}", issue.Occasion);
        Assert.True(issue.SendAt <= own.Clock.GetUtcNow(), "The issue should be due at once.");
    }

    [Fact]
    public async Task The_archive_an_imported_article_one_withdrawn_before_the_run_and_what_went_out_while_a_list_was_off_are_not_sent()
    {
        await using var own = Newsroom();
        await PublishAsync(own, "Last year's story", at: Start.AddDays(-300));
        await PublishAsync(own, "This morning's story", at: Start.AddMinutes(-1));
        var on = await ListAsync(own, NewsletterKind.EveryArticle);
        var off = await ListAsync(own, NewsletterKind.EveryArticle, active: false);
        await RunAsync(own);
        Assert.Empty(await IssuesAsync(own, on));

        own.Clock.Advance(TimeSpan.FromMinutes(1));
        await PublishAsync(own, "Published and withdrawn between two runs", status: ArticleStatus.Unpublished);
        await PublishAsync(own, "Imported from the old site", importKey: "wordpress:42");
        var whileOff = await PublishAsync(own, "Published while the second list was off");
        await RunAsync(own);
        Assert.Equal([[whileOff]], (await IssuesAsync(own, on)).Select(i => i.Articles));

        own.Clock.Advance(TimeSpan.FromMinutes(1));
        await RunAsync(own);
        await own.WithDbAsync(db => db.NewsletterLists.Where(l => l.Id == off).ExecuteUpdateAsync(s => s.SetProperty(l => l.IsActive, true)));
        await RunAsync(own);
        Assert.Empty(await IssuesAsync(own, off));

        own.Clock.Advance(TimeSpan.FromMinutes(1));
        var next = await PublishAsync(own, "The first story after switching on");
        await RunAsync(own);
        Assert.Equal([[next]], (await IssuesAsync(own, off)).Select(i => i.Articles));
    }

    [Fact]
    public async Task A_future_dated_article_goes_out_when_it_becomes_public_not_before()
    {
        await using var own = Newsroom();
        var list = await ListAsync(own, NewsletterKind.EveryArticle);
        await RunAsync(own);
        var article = await PublishAsync(own, "Embargoed until noon", at: Start.AddHours(3), status: ArticleStatus.Scheduled);

        own.Clock.Advance(TimeSpan.FromHours(3) - TimeSpan.FromSeconds(1));
        await RunAsync(own);
        Assert.Empty(await IssuesAsync(own, list));

        own.Clock.Advance(TimeSpan.FromSeconds(1));
        await RunAsync(own);
        Assert.Equal([[article]], (await IssuesAsync(own, list)).Select(i => i.Articles));
    }

    [Fact]
    public async Task The_daily_briefing_goes_out_at_its_hour_in_the_newsrooms_zone_once_with_the_days_articles_and_not_on_an_empty_day()
    {
        // Riga is two hours ahead of UTC in November: the briefing at 9 goes out at 07:00 UTC.
        await using var own = Newsroom("Europe/Riga");
        var list = await ListAsync(own, NewsletterKind.DailyBriefing, hour: 9);
        await RunAsync(own);
        own.Clock.SetUtcNow(At(2026, 11, 2, 12, 0));
        var afternoon = await PublishAsync(own, "The afternoon's story");
        own.Clock.SetUtcNow(At(2026, 11, 3, 6, 30));
        var morning = await PublishAsync(own, "The morning's story");

        own.Clock.SetUtcNow(At(2026, 11, 3, 6, 59));
        await RunAsync(own);
        Assert.Empty(await IssuesAsync(own, list));

        own.Clock.SetUtcNow(At(2026, 11, 3, 7, 0));
        await RunAsync(own);
        await Task.WhenAll(RunAsync(own), RunAsync(own));
        var briefing = Assert.Single(await IssuesAsync(own, list));
        Assert.Equal("The day's news: 3 November 2026", briefing.Subject);
        Assert.Equal([morning, afternoon], briefing.Articles);
        Assert.Equal("day:2026-11-03", briefing.Occasion);

        // After the hour: tomorrow's. Then a day with nothing published sends nothing.
        own.Clock.SetUtcNow(At(2026, 11, 3, 7, 30));
        var late = await PublishAsync(own, "Just after the briefing");
        own.Clock.SetUtcNow(At(2026, 11, 4, 7, 0));
        await RunAsync(own);
        own.Clock.SetUtcNow(At(2026, 11, 5, 7, 0));
        await RunAsync(own);
        own.Clock.SetUtcNow(At(2026, 11, 5, 20, 0));
        await RunAsync(own);
        Assert.Equal([[morning, afternoon], [late]], (await IssuesAsync(own, list)).Select(i => i.Articles));
    }

    [Fact]
    public async Task The_daily_briefing_keeps_its_local_hour_when_the_clocks_go_forward()
    {
        // Riga moves from UTC+2 to UTC+3 at 03:00 on 28 March 2027: 9 o'clock is 07:00 UTC on the 27th, 06:00 UTC on the 28th.
        await using var own = Newsroom("Europe/Riga");
        var list = await ListAsync(own, NewsletterKind.DailyBriefing, hour: 9);
        await RunAsync(own);
        own.Clock.SetUtcNow(At(2027, 3, 27, 6, 0));
        var saturday = await PublishAsync(own, "Saturday's story");
        own.Clock.SetUtcNow(At(2027, 3, 27, 7, 0));
        await RunAsync(own);
        own.Clock.SetUtcNow(At(2027, 3, 27, 12, 0));
        var afternoon = await PublishAsync(own, "Saturday afternoon's story");

        own.Clock.SetUtcNow(At(2027, 3, 28, 5, 59));
        await RunAsync(own);
        Assert.Single(await IssuesAsync(own, list));

        own.Clock.SetUtcNow(At(2027, 3, 28, 6, 0));
        await RunAsync(own);
        var issues = await IssuesAsync(own, list);
        Assert.Equal([[saturday], [afternoon]], issues.Select(i => i.Articles));
        Assert.Equal(["day:2027-03-27", "day:2027-03-28"], issues.Select(i => i.Occasion));
        Assert.Equal([At(2027, 3, 27, 7, 0), At(2027, 3, 28, 6, 0)], issues.Select(i => i.SendAt));
    }

    [Fact]
    public async Task The_weekly_goes_out_on_sunday_at_its_hour_with_the_weeks_articles_and_not_after_an_empty_week()
    {
        // No hour set: the default, 8 in the morning, Riga time (06:00 UTC in November).
        await using var own = Newsroom("Europe/Riga");
        var list = await ListAsync(own, NewsletterKind.Weekly);
        await RunAsync(own);
        own.Clock.SetUtcNow(At(2026, 11, 3, 10, 0));
        var tuesday = await PublishAsync(own, "Tuesday's story");
        own.Clock.SetUtcNow(At(2026, 11, 7, 10, 0));
        var saturday = await PublishAsync(own, "Saturday's story");

        own.Clock.SetUtcNow(At(2026, 11, 8, 5, 59));
        await RunAsync(own);
        Assert.Empty(await IssuesAsync(own, list));

        own.Clock.SetUtcNow(At(2026, 11, 8, 6, 0));
        await Task.WhenAll(RunAsync(own), RunAsync(own));
        await RunAsync(own);
        var weekly = Assert.Single(await IssuesAsync(own, list));
        Assert.Equal("The week's news: 8 November 2026", weekly.Subject);
        Assert.Equal([saturday, tuesday], weekly.Articles);

        own.Clock.SetUtcNow(At(2026, 11, 15, 6, 0));
        await RunAsync(own);
        Assert.Single(await IssuesAsync(own, list));
    }

    [Fact]
    public async Task The_demo_newsrooms_lists_send_no_archive_and_then_each_new_article_to_its_own_edition_in_its_language()
    {
        await using var own = Newsroom();
        own.Settings["Masthead:Newsroom:SeedDemo"] = "true";
        var lists = await own.WithDbAsync(db => db.NewsletterLists.AsNoTracking().ToListAsync());
        await RunAsync(own);
        Assert.Equal(0, await own.WithDbAsync(db => db.NewsletterIssues.CountAsync()));

        own.Clock.Advance(TimeSpan.FromMinutes(1));
        var article = await PublishAsync(own, "Новый материал", edition: SiteEditions.DemoCode);
        await RunAsync(own);
        var everyArticle = lists.Single(l => l.Edition == SiteEditions.DemoCode && l.Kind == NewsletterKind.EveryArticle);
        var issue = Assert.Single(await own.WithDbAsync(db => db.NewsletterIssues.AsNoTracking().ToListAsync()));
        Assert.Equal(("Новый материал", everyArticle.Id), (issue.Subject, issue.ListId));

        // The first Sunday: each edition's weekly, in its language, with that edition's week.
        own.Clock.SetUtcNow(At(2026, 11, 8, 8, 0));
        await RunAsync(own);
        var weekly = lists.Single(l => l.Edition == SiteEditions.DemoCode && l.Kind == NewsletterKind.Weekly);
        var russian = Assert.Single(await IssuesAsync(own, weekly.Id));
        Assert.Equal("Главное за неделю: 8 ноября 2026", russian.Subject);
        Assert.Contains(article, russian.Articles);
        var english = Assert.Single(await IssuesAsync(own, lists.Single(l => l.Edition != SiteEditions.DemoCode && l.Kind == NewsletterKind.Weekly).Id));
        Assert.DoesNotContain(article, english.Articles);
    }

    private async Task<MimeKit.MimeMessage> IssueToAsync(string address, string subject)
    {
        for (var look = 0; look < 100; look++)
        {
            foreach (var id in await _inbox.MessageIdsToAsync(address))
            {
                if (await _inbox.ReadAsync(id) is { } message && message.Subject == subject)
                {
                    return message;
                }
            }

            await Task.Delay(100);
        }

        Assert.Fail($"No message \"{subject}\" reached {address}.");
        return null!;
    }

    private MastheadFactory Newsroom(string zone = "UTC")
    {
        var own = factory.Fresh();
        own.Settings["Masthead:Newsroom:TimeZone"] = zone;
        return own;
    }

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    private static Task<int> ListAsync(MastheadFactory own, NewsletterKind kind, int? hour = null, bool active = true) => own.WithDbAsync(async db =>
    {
        var list = new NewsletterList
        {
            Edition = own.Services.GetRequiredService<SiteEditions>().Default.Code, Name = kind.ToString(), Kind = kind, Hour = hour, IsActive = active,
        };
        db.NewsletterLists.Add(list);
        await db.SaveChangesAsync();
        return list.Id;
    });

    /// <summary>An article published now (or at <paramref name="at"/>) in the default edition, or <paramref name="edition"/>.</summary>
    private static async Task<int> PublishAsync(
        MastheadFactory own, string headline, DateTimeOffset? at = null, ArticleStatus status = ArticleStatus.Published, string? edition = null, string? importKey = null)
    {
        var now = own.Clock.GetUtcNow();
        var article = new Article
        {
            Slug = $"story-{Guid.NewGuid():N}", Headline = headline, Standfirst = $"About {headline}.", Status = status, ImportKey = importKey,
            Edition = edition ?? own.Services.GetRequiredService<SiteEditions>().Default.Code, PublishAt = at ?? now, CreatedAt = now, UpdatedAt = now,
        };
        await own.WithDbAsync(async db =>
        {
            db.Articles.Add(article);
            await db.SaveChangesAsync();
        });
        return article.Id;
    }

    /// <summary>One run of the job, as a node's job host makes it (the host's own runs may come between).</summary>
    private static async Task RunAsync(MastheadFactory own)
    {
        await using var scope = own.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ListIssues>().RunOnceAsync(CancellationToken.None);
    }

    private static async Task<List<(string Subject, string? Occasion, int[] Articles, DateTimeOffset? SendAt)>> IssuesAsync(MastheadFactory own, int list)
    {
        var issues = await own.WithDbAsync(db => db.NewsletterIssues.AsNoTracking().Where(i => i.ListId == list).OrderBy(i => i.Id).ToListAsync());
        return [.. issues.Select(i => (i.Subject, i.Occasion, i.Articles.ToArray(), i.SendAt))];
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ListIssuesTestsOnSqlite(SqliteFactory factory) : ListIssuesTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ListIssuesTestsOnPostgres(PostgresFactory factory) : ListIssuesTests(factory);
