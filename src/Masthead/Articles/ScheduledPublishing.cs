using Masthead.Data;
using Masthead.Web;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Articles;

/// <summary>
/// A scheduled article goes live by the clock alone, with no save to evict the cached pages that should now list it.
/// Every few seconds this evicts them for the articles whose time has come since the last look. It runs on every node,
/// since each node's page cache is its own; a failed look is retried from the same point, so no article is missed.
/// </summary>
public sealed class ScheduledPublishing(IServiceScopeFactory scopes, PageCache cache, TimeProvider clock)
{
    /// <summary>The job's name in the <see cref="Jobs.JobHost"/>.</summary>
    public const string Name = "scheduled-publishing";

    /// <summary>How late, at most, a scheduled article reaches the cached front page, tag pages and feeds.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private DateTimeOffset _lookedUntil = clock.GetUtcNow();

    /// <summary>Evicts the pages of every article that went live since the last run; returns how many did.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var since = _lookedUntil;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        var live = await db.Articles.Where(a => a.Status == ArticleStatus.Scheduled && a.PublishAt > since && a.PublishAt <= now)
            .Select(a => a.Id).ToListAsync(cancellationToken);
        if (live.Count > 0)
        {
            cache.Evict([ArticleCacheTags.Lists, .. live.Select(ArticleCacheTags.Article)]);
        }

        _lookedUntil = now;
        return live.Count;
    }
}
