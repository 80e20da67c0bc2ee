using Masthead.Articles;
using Masthead.Editions;
using Masthead.Newsletters;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsletters;

/// <summary>What the tests of the lists that send themselves share: a newsroom, lists, articles, a run of the job, its issues.</summary>
public static partial class NewsletterDesk
{
    /// <summary>A newsroom of its own (its clock moves far) in <paramref name="zone"/>.</summary>
    public static MastheadFactory OwnNewsroom(MastheadFactory factory, string zone = "UTC")
    {
        ArgumentNullException.ThrowIfNull(factory);
        var own = factory.Fresh();
        own.Settings["Masthead:Newsroom:TimeZone"] = zone;
        return own;
    }

    public static DateTimeOffset At(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>A list of <paramref name="kind"/> in the default edition: its id.</summary>
    public static Task<int> AutomaticListAsync(MastheadFactory own, NewsletterKind kind, int? hour = null, bool active = true) => own.WithDbAsync(async db =>
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
    public static async Task<int> PublishAsync(
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
    public static async Task MakeIssuesAsync(MastheadFactory own)
    {
        await using var scope = own.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ListIssues>().RunOnceAsync(CancellationToken.None);
    }

    /// <summary>The list's issues, oldest first.</summary>
    public static async Task<List<(string Subject, string? Occasion, int[] Articles, DateTimeOffset? SendAt)>> IssuesAsync(MastheadFactory own, int list)
    {
        var issues = await own.WithDbAsync(db => db.NewsletterIssues.AsNoTracking().Where(i => i.ListId == list).OrderBy(i => i.Id).ToListAsync());
        return [.. issues.Select(i => (i.Subject, i.Occasion, i.Articles.ToArray(), i.SendAt))];
    }
}
