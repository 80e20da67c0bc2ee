using Masthead.Articles;
using Masthead.Editions;
using Masthead.Newsletters;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Masthead.Tests.Newsletters.NewsletterDesk;

namespace Masthead.Tests.Newsletters;

/// <summary>
/// The lists that send themselves (<see cref="ListIssues"/>): one issue per article gone live on an every-article list,
/// made once however often and however many runs look, never the archive, and the demo's lists. Each test has its own
/// newsroom, since it moves the clock far; the digests are in <see cref="DigestIssuesTests"/>.
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
        await using var own = OwnNewsroom(factory);
        own.Settings["Masthead:Newsroom:BaseUrl"] = "https://news.example";
        foreach (var (key, value) in _inbox.Settings())
        {
            own.Settings[key] = value;
        }

        var list = await AutomaticListAsync(own, NewsletterKind.EveryArticle);
        using var reader = own.CreateBrowserClient();
        var address = SmtpInbox.UniqueAddress("every-article");
        (await NewsletterDesk.SubscribeAsync(own, reader, address, list)).Dispose();
        (await own.PostFormAsync(reader, NewsletterPaths.Confirm(await NewsletterDesk.TokenOfAsync(own, address)), [])).Dispose();
        await MakeIssuesAsync(own);
        await PublishAsync(own, "The port reopens", at: Start.AddMinutes(10), status: ArticleStatus.Scheduled);

        own.Clock.Advance(TimeSpan.FromMinutes(10));
        await MakeIssuesAsync(own);
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
        await using var own = OwnNewsroom(factory);
        var list = await AutomaticListAsync(own, NewsletterKind.EveryArticle);
        await MakeIssuesAsync(own);
        own.Clock.Advance(TimeSpan.FromMinutes(1));
        var article = await PublishAsync(own, "Two bases at stake");

        await MakeIssuesAsync(own);
        await MakeIssuesAsync(own);
        await Task.WhenAll(MakeIssuesAsync(own), MakeIssuesAsync(own));

        // A restart (a new app on the same database, its clock where the first one's is) makes none either.
        await using (var restarted = own.Restarted())
        {
            restarted.Clock.SetUtcNow(own.Clock.GetUtcNow());
            await MakeIssuesAsync(restarted);
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
        await using var own = OwnNewsroom(factory);
        await PublishAsync(own, "Last year's story", at: Start.AddDays(-300));
        await PublishAsync(own, "This morning's story", at: Start.AddMinutes(-1));
        var on = await AutomaticListAsync(own, NewsletterKind.EveryArticle);
        var off = await AutomaticListAsync(own, NewsletterKind.EveryArticle, active: false);
        await MakeIssuesAsync(own);
        Assert.Empty(await IssuesAsync(own, on));

        own.Clock.Advance(TimeSpan.FromMinutes(1));
        await PublishAsync(own, "Published and withdrawn between two runs", status: ArticleStatus.Unpublished);
        await PublishAsync(own, "Imported from the old site", importKey: "wordpress:42");
        var whileOff = await PublishAsync(own, "Published while the second list was off");
        await MakeIssuesAsync(own);
        Assert.Equal([[whileOff]], (await IssuesAsync(own, on)).Select(i => i.Articles));

        own.Clock.Advance(TimeSpan.FromMinutes(1));
        await MakeIssuesAsync(own);
        await own.WithDbAsync(db => db.NewsletterLists.Where(l => l.Id == off).ExecuteUpdateAsync(s => s.SetProperty(l => l.IsActive, true)));
        await MakeIssuesAsync(own);
        Assert.Empty(await IssuesAsync(own, off));

        own.Clock.Advance(TimeSpan.FromMinutes(1));
        var next = await PublishAsync(own, "The first story after switching on");
        await MakeIssuesAsync(own);
        Assert.Equal([[next]], (await IssuesAsync(own, off)).Select(i => i.Articles));
    }

    [Fact]
    public async Task A_future_dated_article_goes_out_when_it_becomes_public_not_before()
    {
        await using var own = OwnNewsroom(factory);
        var list = await AutomaticListAsync(own, NewsletterKind.EveryArticle);
        await MakeIssuesAsync(own);
        var article = await PublishAsync(own, "Embargoed until noon", at: Start.AddHours(3), status: ArticleStatus.Scheduled);

        own.Clock.Advance(TimeSpan.FromHours(3) - TimeSpan.FromSeconds(1));
        await MakeIssuesAsync(own);
        Assert.Empty(await IssuesAsync(own, list));

        own.Clock.Advance(TimeSpan.FromSeconds(1));
        await MakeIssuesAsync(own);
        Assert.Equal([[article]], (await IssuesAsync(own, list)).Select(i => i.Articles));
    }

    [Fact]
    public async Task The_demo_newsrooms_lists_send_no_archive_and_then_each_new_article_to_its_own_edition_in_its_language()
    {
        await using var own = OwnNewsroom(factory);
        own.Settings["Masthead:Newsroom:SeedDemo"] = "true";
        var lists = await own.WithDbAsync(db => db.NewsletterLists.AsNoTracking().ToListAsync());
        await MakeIssuesAsync(own);

        // Only the demo's own draft of the weekly, which no list made.
        Assert.Equal(0, await own.WithDbAsync(db => db.NewsletterIssues.CountAsync(i => i.Occasion != null)));

        own.Clock.Advance(TimeSpan.FromMinutes(1));
        var article = await PublishAsync(own, "Новый материал", edition: SiteEditions.DemoCode);
        await MakeIssuesAsync(own);
        var everyArticle = lists.Single(l => l.Edition == SiteEditions.DemoCode && l.Kind == NewsletterKind.EveryArticle);
        var issue = Assert.Single(await own.WithDbAsync(db => db.NewsletterIssues.AsNoTracking().Where(i => i.Occasion != null).ToListAsync()));
        Assert.Equal(("Новый материал", everyArticle.Id), (issue.Subject, issue.ListId));

        // The first Sunday: each edition's weekly, in its language, with that edition's week.
        own.Clock.SetUtcNow(At(2026, 11, 8, 8, 0));
        await MakeIssuesAsync(own);
        var weekly = lists.Single(l => l.Edition == SiteEditions.DemoCode && l.Kind == NewsletterKind.Weekly);
        var russian = Assert.Single(await IssuesAsync(own, weekly.Id));
        Assert.Equal("Главное за неделю: 8 ноября 2026", russian.Subject);
        Assert.Contains(article, russian.Articles);
        var english = Assert.Single(await IssuesAsync(own, lists.Single(l => l.Edition != SiteEditions.DemoCode && l.Kind == NewsletterKind.Weekly).Id), i => i.Occasion != null);
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
}

[Collection(SqliteCollection.Name)]
public sealed class ListIssuesTestsOnSqlite(SqliteFactory factory) : ListIssuesTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ListIssuesTestsOnPostgres(PostgresFactory factory) : ListIssuesTests(factory);
