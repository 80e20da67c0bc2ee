using System.Linq.Expressions;
using System.Security.Claims;
using Masthead.Data;
using Masthead.Editions;
using Masthead.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Articles;

/// <summary>
/// The reader-facing queries, shared by the pages, the feeds and the content API. Each stays a handful of indexed
/// lookups however large the archive grows: the articles first, then the bylines and tags of just those articles
/// (one query joining every byline to a limited subquery made SQLite scan the whole archive on every page).
/// </summary>
public static class ArticleQueries
{
    /// <summary>
    /// Published, or scheduled and due. Written with <c>PublishAt</c> first so the index on it serves the filter and
    /// the newest-first order together; a published article always has a publication time at or before now.
    /// </summary>
    public static Expression<Func<Article, bool>> VisibleAt(DateTimeOffset now) =>
        a => a.PublishAt <= now && (a.Status == ArticleStatus.Published || a.Status == ArticleStatus.Scheduled);

    /// <summary><see cref="Article.IsReadableBy"/> as a query, for the admin's list and the pages that read one article.</summary>
    public static Expression<Func<Article, bool>> ReadableBy(int staffId, bool isEditor, DateTimeOffset now) =>
        a => isEditor
            || (a.CreatedById == staffId && a.Status == ArticleStatus.Draft)
            || a.Status == ArticleStatus.Published
            || (a.Status == ArticleStatus.Scheduled && a.PublishAt <= now);

    /// <summary>
    /// Null when the signed-in <paramref name="user"/> may read article <paramref name="id"/> in the admin; otherwise
    /// 404 (no such article) or 403, the same answers the edit page gives.
    /// </summary>
    public static async Task<IActionResult?> RefuseReadingAsync(MastheadDb db, int id, ClaimsPrincipal user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var article = db.Articles.Where(a => a.Id == id);
        if (!await article.AnyAsync(cancellationToken))
        {
            return new NotFoundResult();
        }

        return await article.AnyAsync(ReadableBy(user.StaffId(), user.IsEditor(), now), cancellationToken) ? null : new ForbidResult();
    }

    /// <summary>The articles of one edition: what its lists, feeds and sitemap show.</summary>
    public static IQueryable<Article> InEdition(this IQueryable<Article> articles, Edition edition) =>
        articles.Where(a => a.Edition == edition.Code);

    /// <summary>The other editions' articles that tell the same story, for the translation links and <c>hreflang</c>.</summary>
    public static async Task<List<Translation>> TranslationsAsync(MastheadDb db, ArticleView article, DateTimeOffset now, CancellationToken cancellationToken) =>
        article.StoryId is not { } story ? [] : await db.Articles.AsNoTracking()
            .Where(a => a.StoryId == story && a.Id != article.Id && a.Edition != article.Edition)
            .Where(VisibleAt(now))
            .OrderBy(a => a.Id)
            .Select(a => new Translation(a.Edition, a.Slug, a.Headline))
            .ToListAsync(cancellationToken);

    public static IQueryable<Article> Visible(this IQueryable<Article> articles, DateTimeOffset now) =>
        articles.Where(VisibleAt(now)).OrderByDescending(a => a.PublishAt).ThenByDescending(a => a.Id);

    public static async Task<Page<ArticleSummary>> SummariesAsync(
        MastheadDb db, IQueryable<Article> articles, DateTimeOffset now, int page, int size, CancellationToken cancellationToken)
    {
        var visible = articles.Visible(now);
        var total = await visible.CountAsync(cancellationToken);
        var rows = await visible.Skip((page - 1) * size).Take(size)
            .Select(a => new { a.Id, a.Slug, a.Headline, a.Standfirst, a.Dateline, PublishAt = a.PublishAt!.Value })
            .ToListAsync(cancellationToken);
        var bylines = await BylinesAsync(db, rows.Select(r => r.Id).ToList(), cancellationToken);
        var items = rows.Select(r => new ArticleSummary(r.Slug, r.Headline, r.Standfirst, r.Dateline, r.PublishAt, [.. bylines[r.Id]])).ToList();
        return new Page<ArticleSummary>(items, page, size, total);
    }

    /// <summary>The articles as their pages show them, in the order <paramref name="articles"/> gives.</summary>
    public static async Task<List<ArticleView>> ViewsAsync(MastheadDb db, IQueryable<Article> articles, CancellationToken cancellationToken)
    {
        var rows = await articles
            .Select(a => new { a.Id, a.Slug, a.Headline, a.Standfirst, a.BodyHtml, a.Dateline, a.CoverImage, a.CoverAlt, a.PublishAt, a.UpdatedAt, a.IsSensitive, a.Edition, a.StoryId })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var bylines = await BylinesAsync(db, ids, cancellationToken);
        var tags = (await (
                from link in db.Set<Dictionary<string, object>>("ArticleTags")
                where ids.Contains(EF.Property<int>(link, "ArticlesId"))
                join t in db.Tags on EF.Property<int>(link, "TagsId") equals t.Id
                select new { ArticleId = EF.Property<int>(link, "ArticlesId"), t.Name, t.Slug }).ToListAsync(cancellationToken))
            .ToLookup(t => t.ArticleId, t => new TagLink(t.Name, t.Slug));
        return rows.Select(r => new ArticleView(r.Id, r.Slug, r.Headline, r.Standfirst, r.BodyHtml, r.Dateline, r.CoverImage, r.CoverAlt,
            r.PublishAt, r.UpdatedAt, [.. bylines[r.Id]], [.. tags[r.Id].OrderBy(t => t.Name, StringComparer.Ordinal)], r.IsSensitive, r.Edition, r.StoryId)).ToList();
    }

    /// <summary>The article at this address: shown, gone (410: it was published and withdrawn), or never here (404).</summary>
    public static async Task<(ArticleView? View, bool Gone)> FindForReaderAsync(MastheadDb db, string slug, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var view = (await ViewsAsync(db, db.Articles.AsNoTracking().Where(a => a.Slug == slug).Where(VisibleAt(now)), cancellationToken)).SingleOrDefault();
        if (view is not null)
        {
            return (view, false);
        }

        var gone = await db.Articles.AnyAsync(a => a.Slug == slug && a.Status == ArticleStatus.Unpublished, cancellationToken);
        return (null, gone);
    }

    /// <summary>Read through the join table, so each article's bylines come by its key rather than by a scan.</summary>
    public static async Task<ILookup<int, Byline>> BylinesAsync(MastheadDb db, List<int> ids, CancellationToken cancellationToken) =>
        (await (
            from link in db.Set<Dictionary<string, object>>("ArticleAuthors")
            where ids.Contains(EF.Property<int>(link, "ArticlesId"))
            join w in db.Authors on EF.Property<int>(link, "AuthorsId") equals w.Id
            select new { ArticleId = EF.Property<int>(link, "ArticlesId"), w.Name, w.Slug }).ToListAsync(cancellationToken))
        .OrderBy(w => w.Name, StringComparer.Ordinal)
        .ToLookup(w => w.ArticleId, w => new Byline(w.Name, w.Slug));
}
