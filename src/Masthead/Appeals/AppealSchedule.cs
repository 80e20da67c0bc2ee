using Masthead.Data;
using Masthead.Web;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Appeals;

/// <summary>
/// Starts and ends campaigns on their dates: cached pages hold the appeals switched on when they were rendered, so
/// when an appeal's start or end passes, the pages that show appeals are evicted and the next reader gets the new set.
/// </summary>
public sealed class AppealSchedule(IServiceScopeFactory scopes, PageCache cache, TimeProvider clock)
{
    public const string JobName = "appeal-schedule";
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private DateTimeOffset? _checkedUpTo;

    /// <summary>Evicts when a start or end passed since the last run; returns whether it did.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();

        // On this node's first run, what passed while no node ran is covered by pages rendered after it.
        var since = _checkedUpTo ?? now - Interval;
        _checkedUpTo = now;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        var passed = await db.Appeals.AnyAsync(
            a => a.IsActive && ((a.StartsAt > since && a.StartsAt <= now) || (a.EndsAt > since && a.EndsAt <= now)), cancellationToken);
        if (passed)
        {
            cache.Evict(AppealPageVariant.CacheTag);
        }

        return passed;
    }
}
