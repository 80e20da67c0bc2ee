using System.Collections.Concurrent;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Appeals;

/// <summary>What the reader script reports: the appeal was on screen, its Continue pressed, snoozed, a banner dismissed.</summary>
public enum AppealEvent
{
    Shown,
    Continued,
    Snoozed,
    Dismissed,
}

/// <summary>
/// The reader script's events added up per hour in this node's memory and written to <see cref="AppealTally"/> rows
/// every minute (and at shutdown): the database sees one increment per appeal, variant, placement and hour, never a row
/// per event. Increments are atomic updates, so several nodes add to the same rows safely.
/// </summary>
public sealed partial class AppealCounts(TimeProvider clock, IServiceScopeFactory scopes, ILogger<AppealCounts> logger) : IHostedService, IDisposable
{
    public const string JobName = "appeal-counts";
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMinutes(1);

    private readonly record struct Key(DateTimeOffset Hour, int AppealId, int Variant, AppealPlacement Placement);

    private sealed class Counts
    {
        public long Shown;
        public long Continued;
        public long Snoozed;
        public long Dismissed;
    }

    private readonly ConcurrentDictionary<Key, Counts> _pending = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);

    // Appeal id to its highest variant number: events for anything else are dropped. Refreshed at every flush.
    private volatile Dictionary<int, int> _known = new Dictionary<int, int>();

    /// <summary>Whether <paramref name="appealId"/> is an appeal with a variant numbered <paramref name="variant"/>.</summary>
    public bool Knows(int appealId, int variant) => _known.TryGetValue(appealId, out var highest) && variant >= 0 && variant <= highest;

    /// <summary>Reads which appeals and variants exist, e.g. after an editor added one.</summary>
    public async Task RefreshAsync(MastheadDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var appeals = await db.Appeals.AsNoTracking()
            .Select(a => new { a.Id, Highest = a.Variants.Select(v => (int?)v.Number).Max() ?? 0 })
            .ToListAsync(cancellationToken);
        _known = appeals.ToDictionary(a => a.Id, a => a.Highest);
    }

    public void Add(int appealId, int variant, AppealPlacement placement, AppealEvent kind)
    {
        var counts = _pending.GetOrAdd(new Key(HourOf(clock.GetUtcNow()), appealId, variant, placement), _ => new Counts());
        _ = kind switch
        {
            AppealEvent.Shown => Interlocked.Increment(ref counts.Shown),
            AppealEvent.Continued => Interlocked.Increment(ref counts.Continued),
            AppealEvent.Snoozed => Interlocked.Increment(ref counts.Snoozed),
            _ => Interlocked.Increment(ref counts.Dismissed),
        };
    }

    public static DateTimeOffset HourOf(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    /// <summary>Writes what has been counted since the last flush; returns how many rows it added to.</summary>
    public async Task<int> FlushAsync(MastheadDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            // Each count is taken by an atomic exchange, so an event counted meanwhile waits for the next flush. An
            // earlier hour's entry is then dropped: only an event racing the turn of the hour could still reach it.
            var currentHour = HourOf(clock.GetUtcNow());
            var rows = 0;
            foreach (var (key, counts) in _pending)
            {
                var taken = new Counts
                {
                    Shown = Interlocked.Exchange(ref counts.Shown, 0), Continued = Interlocked.Exchange(ref counts.Continued, 0),
                    Snoozed = Interlocked.Exchange(ref counts.Snoozed, 0), Dismissed = Interlocked.Exchange(ref counts.Dismissed, 0),
                };
                if (key.Hour < currentHour)
                {
                    _pending.TryRemove(key, out _);
                }

                if (taken.Shown + taken.Continued + taken.Snoozed + taken.Dismissed > 0)
                {
                    try
                    {
                        await AddToRowAsync(db, key, taken, cancellationToken);
                    }
                    catch
                    {
                        // Kept for the next flush rather than lost while the database is away.
                        var back = _pending.GetOrAdd(key, _ => new Counts());
                        Interlocked.Add(ref back.Shown, taken.Shown);
                        Interlocked.Add(ref back.Continued, taken.Continued);
                        Interlocked.Add(ref back.Snoozed, taken.Snoozed);
                        Interlocked.Add(ref back.Dismissed, taken.Dismissed);
                        throw;
                    }

                    rows++;
                }
            }

            await RefreshAsync(db, cancellationToken);
            return rows;
        }
        finally
        {
            _flushing.Release();
        }
    }

    private static async Task AddToRowAsync(MastheadDb db, Key key, Counts counts, CancellationToken cancellationToken)
    {
        var (shown, continued, snoozed, dismissed) = (counts.Shown, counts.Continued, counts.Snoozed, counts.Dismissed);
        for (var attempt = 0; ; attempt++)
        {
            var updated = await db.AppealTallies
                .Where(t => t.AppealId == key.AppealId && t.Variant == key.Variant && t.Placement == key.Placement && t.Hour == key.Hour && t.Currency == "")
                .ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.Shown, t => t.Shown + shown)
                    .SetProperty(t => t.Continued, t => t.Continued + continued)
                    .SetProperty(t => t.Snoozed, t => t.Snoozed + snoozed)
                    .SetProperty(t => t.Dismissed, t => t.Dismissed + dismissed), cancellationToken);
            if (updated > 0)
            {
                return;
            }

            db.AppealTallies.Add(new AppealTally
            {
                Hour = key.Hour, AppealId = key.AppealId, Variant = key.Variant, Placement = key.Placement,
                Shown = shown, Continued = continued, Snoozed = snoozed, Dismissed = dismissed,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Another node inserted the hour's row first: add to it instead.
                db.ChangeTracker.Clear();
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>At shutdown, what this node counted since its last flush is written, not lost.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await FlushAsync(scope.ServiceProvider.GetRequiredService<MastheadDb>(), cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogFlushFailed(logger, failure);
        }
    }

    public void Dispose() => _flushing.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The appeals' counts could not be written at shutdown")]
    private static partial void LogFlushFailed(ILogger logger, Exception failure);
}
