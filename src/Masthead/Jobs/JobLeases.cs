using System.Collections.Concurrent;
using System.Security.Cryptography;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Jobs;

/// <summary>
/// Who runs each job when several nodes share one PostgreSQL database. A node takes or renews a lease with one conditional
/// UPDATE (free when expired, or already ours), on its own injected clock, so the same statement works on both providers
/// and in tests that move the clock. A node that dies stops renewing; another takes the lease once it has expired, within
/// <see cref="Length"/> plus <see cref="RenewEvery"/>. Only on PostgreSQL: SQLite is one node, where a lease would protect
/// nothing and, after a crash, make the restarted node wait for its own lease to expire.
/// </summary>
public sealed class JobLeases(IServiceScopeFactory scopes, IOptions<DatabaseOptions> database, TimeProvider clock) : IDisposable
{
    /// <summary>How long a lease lasts without renewal: how long a dead node's jobs wait, at most, for another node.</summary>
    public static readonly TimeSpan Length = TimeSpan.FromSeconds(30);

    /// <summary>How often a node renews its leases and tries the ones it does not hold.</summary>
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _heldUntil = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _rowExists = new(StringComparer.Ordinal);

    // One lease statement at a time from this node, so the renewal pass and a job's own check never race each other.
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>This node, as written in the lease rows: the machine, the process, and a random part for two hosts in one process.</summary>
    public string NodeId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{RandomNumberGenerator.GetHexString(8, lowercase: true)}";

    /// <summary>Whether jobs run under leases here: on PostgreSQL.</summary>
    public bool Enabled => database.Value.IsPostgres;

    /// <summary>
    /// Whether this node held <paramref name="job"/>'s lease at its last take or renewal and that has not expired by this
    /// node's clock (no database call): good enough to spare a notification, not to decide a run.
    /// </summary>
    public bool Holds(string job) => _heldUntil.TryGetValue(job, out var until) && clock.GetUtcNow() < until;

    /// <summary>Takes <paramref name="job"/>'s lease if it is free or expired, or renews it if it is ours; true when ours now.</summary>
    public async Task<bool> TakeAsync(string job, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
            var now = clock.GetUtcNow();
            var until = now + Length;
            var taken = await UpdateAsync(db, job, now, until, cancellationToken);
            if (!taken && !_rowExists.ContainsKey(job))
            {
                // The first time on a new database: make the row (expired, by its column default), then take it like any other.
                // ON CONFLICT DO NOTHING, understood by both providers, lets two nodes starting together both get here.
                await db.Database.ExecuteSqlAsync($"""INSERT INTO "JobLeases" ("Name", "Holder") VALUES ({job}, '') ON CONFLICT ("Name") DO NOTHING""", cancellationToken);
                _rowExists[job] = true;
                taken = await UpdateAsync(db, job, now, until, cancellationToken);
            }

            if (taken)
            {
                _heldUntil[job] = until;
            }
            else
            {
                _heldUntil.TryRemove(job, out _);
            }

            return taken;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Gives up every lease this node holds, so another node takes them at its next pass instead of after they expire.</summary>
    public async Task ReleaseAllAsync(CancellationToken cancellationToken)
    {
        var held = _heldUntil.Keys.ToList();
        _heldUntil.Clear();
        if (held.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        var (me, expired) = (NodeId, clock.GetUtcNow() - Length);
        await db.JobLeases.Where(l => held.Contains(l.Name) && l.Holder == me)
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.ExpiresAt, expired), cancellationToken);
    }

    public void Dispose() => _gate.Dispose();

    private async Task<bool> UpdateAsync(MastheadDb db, string job, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var me = NodeId;
        return await db.JobLeases.Where(l => l.Name == job && (l.ExpiresAt < now || l.Holder == me))
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.Holder, me).SetProperty(x => x.ExpiresAt, until), cancellationToken) == 1;
    }
}
