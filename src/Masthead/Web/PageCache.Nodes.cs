using Masthead.Data;
using Microsoft.EntityFrameworkCore.Storage;

namespace Masthead.Web;

public sealed partial class PageCache
{
    /// <summary>
    /// This node's name in its notifications, so that it does not evict again what it evicted itself; "@" first, which
    /// no tag starts with, so a payload without a name (from a node not yet upgraded) still reads as tags.
    /// </summary>
    internal string Node { get; } = "@" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));

    /// <summary>Set by <see cref="PageCacheNodes"/> on PostgreSQL: tells the other nodes what <see cref="Evict"/> dropped here (null: everything).</summary>
    internal Action<string[]?>? Announce { get; set; }

    /// <summary>
    /// Commits a change that cached pages show, with the news of it for every node (<see cref="CacheGeneration.AnnounceAsync"/>)
    /// in the same transaction, so other nodes hear of it exactly when it is committed; then evicts <paramref name="tags"/> here.
    /// </summary>
    public async Task CommitAndEvictAsync(MastheadDb db, IDbContextTransaction transaction, string[] tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        await CacheGeneration.AnnounceAsync(db, Node, tags, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // After the commit, not before: a page rendered in between would be kept with the old content.
        EvictHere(tags);
    }
}
