using System.Linq.Expressions;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Articles;

public sealed record Byline(string Name, string Slug);

public sealed record TagLink(string Name, string Slug);

/// <summary>An article as a list shows it.</summary>
public sealed record ArticleSummary(string Slug, string Headline, string Standfirst, string Dateline, DateTimeOffset PublishedAt, IReadOnlyList<Byline> Authors);

/// <summary>An article as its page shows it.</summary>
public sealed record ArticleView(
    int Id, string Slug, string Headline, string Standfirst, string BodyHtml, string Dateline, string? CoverImage, string CoverAlt,
    DateTimeOffset? PublishedAt, DateTimeOffset UpdatedAt, IReadOnlyList<Byline> Authors, IReadOnlyList<TagLink> Tags, bool IsSensitive);

/// <summary>One page of a longer list; page numbers start at 1.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Number, int Size, int Total)
{
    public int Count => Math.Max(1, (Total + Size - 1) / Size);
    public bool HasPrevious => Number > 1;
    public bool HasNext => Number < Count;
}

/// <summary>The reader-facing queries, shared by the pages, the feeds and the content API.</summary>
public static class ArticleQueries
{
    public static Expression<Func<Article, bool>> VisibleAt(DateTimeOffset now) =>
        a => a.Status == ArticleStatus.Published || (a.Status == ArticleStatus.Scheduled && a.PublishAt <= now);

    public static IQueryable<Article> Visible(this IQueryable<Article> articles, DateTimeOffset now) =>
        articles.Where(VisibleAt(now)).OrderByDescending(a => a.PublishAt).ThenByDescending(a => a.Id);

    public static async Task<Page<ArticleSummary>> SummariesAsync(
        IQueryable<Article> articles, DateTimeOffset now, int page, int size, CancellationToken cancellationToken)
    {
        var visible = articles.Visible(now);
        var total = await visible.CountAsync(cancellationToken);
        var items = await visible.Skip((page - 1) * size).Take(size)
            .Select(a => new ArticleSummary(a.Slug, a.Headline, a.Standfirst, a.Dateline, a.PublishAt!.Value,
                a.Authors.OrderBy(w => w.Name).Select(w => new Byline(w.Name, w.Slug)).ToList()))
            .ToListAsync(cancellationToken);
        return new Page<ArticleSummary>(items, page, size, total);
    }

    public static IQueryable<ArticleView> Views(this IQueryable<Article> articles) =>
        articles.Select(a => new ArticleView(a.Id, a.Slug, a.Headline, a.Standfirst, a.BodyHtml, a.Dateline, a.CoverImage, a.CoverAlt,
            a.PublishAt, a.UpdatedAt,
            a.Authors.OrderBy(w => w.Name).Select(w => new Byline(w.Name, w.Slug)).ToList(),
            a.Tags.OrderBy(t => t.Name).Select(t => new TagLink(t.Name, t.Slug)).ToList(), a.IsSensitive));

    /// <summary>The article at this address: shown, gone (410: it was published and withdrawn), or never here (404).</summary>
    public static async Task<(ArticleView? View, bool Gone)> FindForReaderAsync(MastheadDb db, string slug, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var view = await db.Articles.AsNoTracking().Where(a => a.Slug == slug).Where(VisibleAt(now)).Views().SingleOrDefaultAsync(cancellationToken);
        if (view is not null)
        {
            return (view, false);
        }

        var gone = await db.Articles.AnyAsync(a => a.Slug == slug && a.Status == ArticleStatus.Unpublished, cancellationToken);
        return (null, gone);
    }
}
