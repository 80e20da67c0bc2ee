using Masthead.Data;
using Masthead.Web;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Reach;

/// <summary>
/// The newsroom's mirrors, read once per page-cache generation rather than once per request (the onion address goes
/// out with every answer): adding or removing one evicts <see cref="ReachCacheTags.Mirrors"/>, which changes the
/// generation on every node, so the next request reads them again.
/// </summary>
public sealed class MirrorList(PageCache cache, IServiceScopeFactory scopes)
{
    public sealed record Listed(string Address, string? Note, bool ReachesLiveSite, bool IsOnion);

    /// <summary>Newest first (the newest copy is the likeliest not to be blocked yet), and the onion address of the live site, if any.</summary>
    public sealed record Current(IReadOnlyList<Listed> Mirrors, string? Onion)
    {
        /// <summary>The static copies and other addresses, onion ones apart.</summary>
        public IEnumerable<Listed> Copies => Mirrors.Where(m => !m.IsOnion);

        public IEnumerable<Listed> Onions => Mirrors.Where(m => m.IsOnion);
    }

    private sealed record Snapshot(long Generation, Current Value);

    private Snapshot? _snapshot;

    public async ValueTask<Current> ReadAsync(CancellationToken cancellationToken)
    {
        // The generation is read before the query: an eviction during it leaves the snapshot already out of date.
        var generation = cache.Generation;
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is null || snapshot.Generation != generation)
        {
            snapshot = new Snapshot(generation, await QueryAsync(cancellationToken));
            Volatile.Write(ref _snapshot, snapshot);
        }

        return snapshot.Value;
    }

    private async Task<Current> QueryAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        var rows = await db.Mirrors.AsNoTracking().Select(m => new { m.Id, m.Address, m.Note, m.ReachesLiveSite, m.AddedAt }).ToListAsync(cancellationToken);
        // Sorted here: SQLite cannot order by a DateTimeOffset column.
        var listed = rows.OrderByDescending(m => m.AddedAt).ThenByDescending(m => m.Id)
            .Select(m => new Listed(m.Address, m.Note, m.ReachesLiveSite, MirrorAddress.IsOnion(m.Address))).ToList();
        var onion = listed.FirstOrDefault(m => m.IsOnion && m.ReachesLiveSite)?.Address;
        return new Current(listed, onion);
    }
}
