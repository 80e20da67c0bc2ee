using System.Threading.Channels;
using Masthead.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Masthead.Web;

/// <summary>
/// Keeps the page caches of several nodes on one PostgreSQL database in step. A node that evicts pages counts the
/// eviction in <see cref="CacheGeneration"/> and sends the tags with <c>NOTIFY</c>; every node <c>LISTEN</c>s on a connection
/// of its own and evicts the same tags. A node that was not listening (its connection dropped, the database restarted)
/// evicts everything when it listens again, having missed it knows not what. And every <see cref="PollInterval"/> each
/// node reads the count: if it moved past what the node heard, a notification was lost, and it evicts everything. So
/// no node serves a page more than <see cref="PollInterval"/> (plus one read) older than a committed change. SQLite is
/// one node: nothing runs.
/// </summary>
public sealed partial class PageCacheNodes(PageCache cache, IOptions<DatabaseOptions> database, TimeProvider clock, ILogger<PageCacheNodes> logger)
    : BackgroundService
{
    /// <summary>
    /// The notification channel; a payload is "&lt;generation&gt; &lt;node&gt; &lt;tag&gt; &lt;tag&gt;…", or
    /// "&lt;generation&gt; &lt;node&gt; *" for everything.
    /// </summary>
    public const string Channel = "masthead_cache";

    /// <summary>How often each node reads the eviction count: the bound on staleness when notifications are lost.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(30);

    private readonly Channel<string[]?> _outbox = System.Threading.Channels.Channel.CreateBounded<string[]?>(1024);
    private readonly Lock _gate = new();
    private long _heard = -1;
    private NpgsqlConnection? _first;
    private volatile bool _overflowed;

    /// <summary>The last eviction count this node heard of or read.</summary>
    internal long Heard => Interlocked.Read(ref _heard);

    /// <summary>Whether this node is listening now; false while it reconnects.</summary>
    public bool Listening { get; private set; }

    /// <summary>Reads the eviction count now, as the poll does; evicts everything here if it moved past what was heard.</summary>
    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database.Value.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var generation = await ReadGenerationAsync(connection, cancellationToken);
        lock (_gate)
        {
            if (generation > _heard)
            {
                if (_heard >= 0)
                {
                    LogMissed(logger, generation - _heard);
                }

                cache.EvictAllHere();
                _heard = generation;
            }
        }
    }

    /// <summary>
    /// Listens once before the host serves: a page cached before this node listened would be dropped the moment it did,
    /// and a change another node made in between would never be heard of, only polled for.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (database.Value.IsPostgres)
        {
            cache.Announce = Queue;
            try
            {
                _first = await ListenOnAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                // The node serves anyway; the loop listens as soon as it can, evicting what was kept meanwhile.
                LogListenerDown(logger, 1, exception);
            }
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!database.Value.IsPostgres)
        {
            return;
        }

        await Task.WhenAll(ListenAsync(stoppingToken), PollAsync(stoppingToken), SendAsync(stoppingToken));
    }

    private static async Task<long> ReadGenerationAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlCommand("""SELECT coalesce(max("Value"), 0) FROM "CacheGenerations" """, connection);
        return (long)(await read.ExecuteScalarAsync(cancellationToken))!;
    }

    private void Queue(string[]? tags)
    {
        if (!_outbox.Writer.TryWrite(tags))
        {
            // Over a thousand evictions waiting to be told: the next one told is "everything", which covers them all.
            _overflowed = true;
        }
    }

    /// <summary>Tells the other nodes of evictions made outside a transaction (<see cref="PageCache.Evict"/>), in order.</summary>
    private async Task SendAsync(CancellationToken stoppingToken)
    {
        await foreach (var tags in _outbox.Reader.ReadAllAsync(stoppingToken))
        {
            var told = _overflowed ? null : tags;
            _overflowed = false;
            for (var attempt = 1; attempt <= 5; attempt++)
            {
                try
                {
                    await using var connection = new NpgsqlConnection(database.Value.ConnectionString);
                    await connection.OpenAsync(stoppingToken);
                    await using var announce = new NpgsqlCommand(CacheGeneration.AnnounceSql, connection);
                    announce.Parameters.AddRange(CacheGeneration.AnnounceParameters(cache.Node, told));
                    await announce.ExecuteNonQueryAsync(stoppingToken);
                    break;
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    // Until it is told, the other nodes keep those pages: they learn of it only from a later eviction's gap.
                    LogSendFailed(logger, attempt, exception);
                    await Task.Delay(TimeSpan.FromSeconds(attempt), clock, stoppingToken);
                }
            }
        }
    }

    /// <summary>Listens on a connection of its own; after a drop, waits (1 s, doubling to 30 s) and listens again, evicting everything.</summary>
    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var backOff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = _first ?? await ListenOnAsync(stoppingToken);
                _first = null;
                backOff = TimeSpan.FromSeconds(1);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever broke the connection, this node must not stop listening for good (nor stop the host).
                Listening = false;
                LogListenerDown(logger, backOff.TotalSeconds, exception);
                await Task.Delay(backOff, clock, stoppingToken);
                backOff = TimeSpan.FromTicks(Math.Min(backOff.Ticks * 2, MaxBackOff.Ticks));
            }
        }
    }

    /// <summary>Opens the listening connection; whatever was evicted while this node was not listening is unknown, so everything goes.</summary>
    private async Task<NpgsqlConnection> ListenOnAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.Value.ConnectionString)
        {
            Pooling = false,
            ApplicationName = "masthead-cache-listener",

            // A connection that died without a word (a cable, a firewall) is noticed within this many seconds.
            KeepAlive = 10,
        }.ConnectionString);
        try
        {
            connection.Notification += (_, notification) => OnNotification(notification.Payload);
            await connection.OpenAsync(cancellationToken);
            await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
            {
                await listen.ExecuteNonQueryAsync(cancellationToken);
            }

            var generation = await ReadGenerationAsync(connection, cancellationToken);
            lock (_gate)
            {
                cache.EvictAllHere();
                _heard = Math.Max(_heard, generation);
            }

            Listening = true;
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private void OnNotification(string payload)
    {
        var space = payload.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || !long.TryParse(payload.AsSpan(0, space), System.Globalization.CultureInfo.InvariantCulture, out var generation))
        {
            return;
        }

        var rest = payload[(space + 1)..];
        var end = rest.IndexOf(' ', StringComparison.Ordinal);
        var (node, tags) = rest.StartsWith('@') && end > 0 ? (rest[..end], rest[(end + 1)..]) : ("", rest);
        lock (_gate)
        {
            // A generation skipped means a notification this node never got: what it evicted is unknown.
            // This node's own eviction was done here when it happened: doing it again would drop the pages rendered since.
            if (_heard >= 0 && generation > _heard + 1)
            {
                cache.EvictAllHere();
            }
            else if (node != cache.Node && tags == CacheGeneration.Everything)
            {
                cache.EvictAllHere();
            }
            else if (node != cache.Node)
            {
                cache.EvictHere(tags.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }

            _heard = Math.Max(_heard, generation);
        }
    }

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PollInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PollOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogPollFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A page-cache notification was lost ({Missed} evictions unheard); evicted every page")]
    private static partial void LogMissed(ILogger logger, long missed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telling the other nodes of a page-cache eviction failed (attempt {Attempt} of 5)")]
    private static partial void LogSendFailed(ILogger logger, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not listening for other nodes' page-cache evictions; trying again in {Seconds} s")]
    private static partial void LogListenerDown(ILogger logger, double seconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the page-cache eviction count failed; reading again at the next poll")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
