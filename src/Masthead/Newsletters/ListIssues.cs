using System.Globalization;
using Masthead.Articles;
using Masthead.Data;
using Masthead.Editions;
using Masthead.Jobs;
using Masthead.Newsroom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masthead.Newsletters;

/// <summary>
/// The <c>list-issues</c> job: makes the issues of the lists that send themselves, scheduled at once, and wakes the
/// <c>newsletters</c> job to send them. Each issue carries its <see cref="NewsletterIssue.Occasion"/>, unique per list,
/// so two nodes (or a restart) looking at the same moment make it once.
/// </summary>
public sealed class ListIssues(
    MastheadDb db, SiteEditions editions, IOptions<NewsroomOptions> newsroom, IStringLocalizer<NewslettersText> text, JobHost jobs, TimeProvider clock)
{
    public const string JobName = "list-issues";
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>An article not sent within this long of going live (the job was down) is no longer news: it is not sent.</summary>
    public static readonly TimeSpan CatchUp = TimeSpan.FromDays(1);

    /// <summary>The most articles a digest carries (the newest), so a busy week still fits an issue.</summary>
    public const int MaxArticles = 100;

    /// <summary>Makes every issue due; returns how many were made.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();

        // A list starts from when it is first seen on: never the archive, on the first run or after switching on.
        await db.NewsletterLists.Where(l => l.Kind != NewsletterKind.Manual && (!l.IsActive || l.SendsFrom == null))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.SendsFrom, now), cancellationToken);
        var lists = await db.NewsletterLists.AsNoTracking().Where(l => l.IsActive && l.Kind != NewsletterKind.Manual).ToListAsync(cancellationToken);
        var made = 0;
        foreach (var list in lists)
        {
            made += list.Kind == NewsletterKind.EveryArticle
                ? await EveryArticleAsync(list, now, cancellationToken)
                : await DigestAsync(list, now, cancellationToken);
        }

        if (made > 0)
        {
            await jobs.WakeAsync(IssueSending.JobName, cancellationToken);
        }

        return made;
    }

    /// <summary>One issue per article gone live in the list's edition since the list began, its headline the subject.</summary>
    private async Task<int> EveryArticleAsync(NewsletterList list, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // PublishAt <= now: a scheduled article waits for its time; only visible ones: one unpublished meanwhile sends nothing.
        // An imported article was news on the old site (its own date may well be recent): an import sends no burst of mail.
        var since = Max(list.SendsFrom!.Value, now - CatchUp);
        var articles = await db.Articles.Where(a => a.Edition == list.Edition && a.PublishAt > since && a.ImportKey == null).Where(ArticleQueries.VisibleAt(now))
            .OrderBy(a => a.PublishAt).ThenBy(a => a.Id).Select(a => new { a.Id, a.Headline }).ToListAsync(cancellationToken);
        var occasions = articles.Select(a => ArticleOccasion(a.Id)).ToList();
        var issued = await db.NewsletterIssues.Where(i => i.ListId == list.Id && occasions.Contains(i.Occasion!)).Select(i => i.Occasion).ToListAsync(cancellationToken);
        var made = 0;
        foreach (var article in articles.Where(a => !issued.Contains(ArticleOccasion(a.Id))))
        {
            made += await AddAsync(list.Id, ArticleOccasion(article.Id), article.Headline, [article.Id], now, cancellationToken) ? 1 : 0;
        }

        return made;
    }

    /// <summary>The day's (or week's) issue once its hour has come, with what went live since the one before; none when nothing did.</summary>
    private async Task<int> DigestAsync(NewsletterList list, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var digest = Digest.Latest(list.Kind, list.SendingHour, now, newsroom.Value.Zone);
        var prefix = Digest.Prefix(list.Kind);
        if (digest.At <= list.SendsFrom || await db.NewsletterIssues.AnyAsync(i => i.ListId == list.Id && i.Occasion == digest.Occasion, cancellationToken))
        {
            return 0;
        }

        var last = await db.NewsletterIssues.Where(i => i.ListId == list.Id && i.Occasion != null && i.Occasion.StartsWith(prefix))
            .OrderByDescending(i => i.SendAt).Select(i => i.SendAt).FirstOrDefaultAsync(cancellationToken);
        var since = digest.Since(last);
        var articles = await db.Articles.Where(a => a.Edition == list.Edition && a.PublishAt > since && a.PublishAt <= digest.At)
            .Where(ArticleQueries.VisibleAt(now)).OrderByDescending(a => a.PublishAt).ThenByDescending(a => a.Id).Select(a => a.Id)
            .Take(MaxArticles).ToListAsync(cancellationToken);
        if (articles.Count == 0)
        {
            return 0;
        }

        // The job has no request: the subject is in the language of the list's edition.
        var edition = editions.Get(list.Edition);
        string subject;
        using (edition.UseCulture())
        {
            subject = text[list.Kind == NewsletterKind.Weekly ? "WeeklySubject" : "DailySubject", digest.Day.ToString("d MMMM yyyy", edition.Culture)];
        }

        return await AddAsync(list.Id, digest.Occasion, subject, articles, digest.At, cancellationToken) ? 1 : 0;
    }

    /// <summary>Adds the issue unless another run already made it (the unique occasion): whether this one did.</summary>
    private async Task<bool> AddAsync(int listId, string occasion, string subject, IReadOnlyList<int> articles, DateTimeOffset sendAt, CancellationToken cancellationToken)
    {
        db.NewsletterIssues.Add(new NewsletterIssue
        {
            ListId = listId, Occasion = occasion, Subject = subject, Status = IssueStatus.Scheduled, SendAt = sendAt, CreatedAt = clock.GetUtcNow(),
            ArticleIds = string.Join(',', articles.Select(id => id.ToString(CultureInfo.InvariantCulture))),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.NewsletterIssues.AnyAsync(i => i.ListId == listId && i.Occasion == occasion, cancellationToken))
            {
                return false;
            }

            throw;
        }
    }

    private static string ArticleOccasion(int articleId) => $"article:{articleId.ToString(CultureInfo.InvariantCulture)}";

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
