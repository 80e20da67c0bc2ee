using Masthead.Data;
using Masthead.Web;
using Microsoft.EntityFrameworkCore;

namespace Masthead.SitePages;

/// <summary>
/// The links to standalone pages that the layout prints in the header and the footer of every page, read once per
/// page-cache generation rather than once per render: any eviction, here or announced by another node, changes the
/// generation, and saving a page evicts, so every node reads the links again after a save.
/// </summary>
public sealed class SiteNavigation(PageCache cache, IServiceScopeFactory scopes)
{
    public sealed record Link(string Slug, string Title);

    public sealed record Links(IReadOnlyList<Link> Header, IReadOnlyList<Link> Footer);

    private sealed record Snapshot(long Generation, IReadOnlyDictionary<string, Links> ByEdition);

    private static readonly Links None = new([], []);

    private Snapshot? _snapshot;

    /// <summary>The published pages of <paramref name="edition"/> placed in the navigation and in the footer, each in its order.</summary>
    public async Task<Links> OfAsync(string edition, CancellationToken cancellationToken)
    {
        // The generation is read before the query: an eviction during it leaves the snapshot already out of date, so the next render reads again.
        var generation = cache.Generation;
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is null || snapshot.Generation != generation)
        {
            snapshot = new Snapshot(generation, await ReadAsync(cancellationToken));
            Volatile.Write(ref _snapshot, snapshot);
        }

        return snapshot.ByEdition.GetValueOrDefault(edition, None);
    }

    private async Task<IReadOnlyDictionary<string, Links>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        var placed = await db.SitePages.AsNoTracking()
            .Where(p => p.IsPublished && (p.NavigationOrder != null || p.FooterOrder != null))
            .Select(p => new { p.Edition, p.Slug, p.Title, p.NavigationOrder, p.FooterOrder })
            .ToListAsync(cancellationToken);
        return placed.GroupBy(p => p.Edition).ToDictionary(g => g.Key, g => new Links(
            [.. g.Where(p => p.NavigationOrder is not null).OrderBy(p => p.NavigationOrder).ThenBy(p => p.Title, StringComparer.Ordinal).Select(p => new Link(p.Slug, p.Title))],
            [.. g.Where(p => p.FooterOrder is not null).OrderBy(p => p.FooterOrder).ThenBy(p => p.Title, StringComparer.Ordinal).Select(p => new Link(p.Slug, p.Title))]));
    }
}
