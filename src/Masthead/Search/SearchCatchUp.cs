using Masthead.Articles;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Search;

/// <summary>
/// Indexes every article whose entry is missing, older than the article, or holds another edition, status or
/// publication time than the article: a fresh database, the demo newsroom, an import, a restored backup or an article
/// changed by anything but the editor's form are searchable (or no longer findable) without anyone doing anything. A run indexes at most <see cref="MaxBatches"/> batches; the next run carries on.
/// </summary>
public sealed class SearchCatchUp(MastheadDb db)
{
    /// <summary>The job's name in the <see cref="Jobs.JobHost"/>.</summary>
    public const string Name = "search-index";

    /// <summary>How long, at most, an article saved other than by an editor waits to be found.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private const int BatchSize = 200;
    private const int MaxBatches = 250;

    /// <summary>Indexes the articles that are behind; returns how many it indexed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var indexed = 0;
        for (var batch = 0; batch < MaxBatches; batch++)
        {
            var behind = await db.Articles.AsNoTracking()
                .Where(a => !db.SearchEntries.Any(e => e.ArticleId == a.Id && e.Version >= a.Version
                    && e.Edition == a.Edition && e.Status == a.Status && e.PublishAt == a.PublishAt))
                .OrderBy(a => a.Id).Take(BatchSize)
                .Select(a => new Article
                {
                    Id = a.Id, Version = a.Version, Edition = a.Edition, Status = a.Status, PublishAt = a.PublishAt,
                    Slug = a.Slug, Headline = a.Headline, Standfirst = a.Standfirst, Dateline = a.Dateline, BodyMarkdown = a.BodyMarkdown,
                })
                .ToListAsync(cancellationToken);
            if (behind.Count == 0)
            {
                break;
            }

            // One transaction a batch: on SQLite one write of the file instead of two hundred.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var article in behind)
            {
                await SearchIndex.WriteAsync(db, SearchIndex.EntryOf(article), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            indexed += behind.Count;
        }

        return indexed;
    }
}
