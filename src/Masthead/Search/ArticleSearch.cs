using Masthead.Articles;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Search;

/// <summary>
/// Finds the articles of one edition that readers can see and that hold every term of a query, most relevant first
/// and, among equals, newest first. Each database scores with its own full-text index. Who may be found is decided
/// twice: on the entries' copy of each article's edition and visibility (<see cref="SearchEntry"/>), for the count and
/// the ranking, and on the shown page's articles themselves by <see cref="ArticleQueries.VisibleAt"/>, the rule every
/// reader page uses.
/// </summary>
public static class ArticleSearch
{
    public static async Task<Page<SearchResult>> FindAsync(
        MastheadDb db, SearchQuery query, string edition, DateTimeOffset now, int page, int size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        if (query.Terms.Count == 0)
        {
            return new Page<SearchResult>([], page, size, 0);
        }

        var visible = db.SearchEntries.AsNoTracking().Where(e => e.Edition == edition && e.PublishAt <= now
            && (e.Status == ArticleStatus.Published || e.Status == ArticleStatus.Scheduled));
        var matches = from score in Scores(db, query.Terms)
                      join entry in visible on score.ArticleId equals entry.ArticleId
                      select new { score.Score, Id = entry.ArticleId, entry.PublishAt };
        var total = await matches.CountAsync(cancellationToken);
        if (total == 0 || (long)(page - 1) * size >= total)
        {
            return new Page<SearchResult>([], page, size, total);
        }

        // The ranking sorts only ids, scores and times; the text is read for the one page shown. Sorting whole rows
        // made the database read every match's body. An article changed outside the editor's form, whose entry
        // the catch-up job has not rewritten yet, drops out of the page here.
        var ids = await matches
            .OrderByDescending(m => m.Score).ThenByDescending(m => m.PublishAt).ThenByDescending(m => m.Id)
            .Skip((page - 1) * size).Take(size).Select(m => m.Id)
            .ToListAsync(cancellationToken);
        var rows = (await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id) && a.Edition == edition).Where(ArticleQueries.VisibleAt(now))
            .Select(a => new { a.Id, a.Slug, a.Headline, a.Standfirst, a.Dateline, a.BodyMarkdown, PublishAt = a.PublishAt!.Value })
            .ToListAsync(cancellationToken)).OrderBy(r => ids.IndexOf(r.Id)).ToList();
        var bylines = await ArticleQueries.BylinesAsync(db, rows.Select(r => r.Id).ToList(), cancellationToken);
        var items = rows.Select(r => new SearchResult(r.Slug, r.Headline, r.Standfirst, r.Dateline, r.PublishAt, [.. bylines[r.Id]],
            SearchSnippets.Of(ArticleMarkdown.ToPlainText(r.BodyMarkdown), query.Terms))).ToList();
        return new Page<SearchResult>(items, page, size, total);
    }

    /// <summary>
    /// Every entry holding all of <paramref name="terms"/>, with its score. The terms are letters and digits only
    /// (<see cref="SearchWords"/>) and travel as parameters: SQLite's FTS5 gets each as a quoted string (implicit AND),
    /// PostgreSQL's plainto_tsquery ANDs them through the same 'simple' configuration that built the tsvector.
    /// </summary>
    private static IQueryable<SearchScore> Scores(MastheadDb db, IReadOnlyList<string> terms)
    {
        if (db is PostgresMastheadDb)
        {
            var words = string.Join(' ', terms);
            return db.Database.SqlQuery<SearchScore>(
                $"""
                SELECT e."ArticleId", ts_rank(e."TermsVector", q.query, 1)::double precision AS "Score"
                FROM "SearchEntries" AS e, plainto_tsquery('simple', {words}) AS q(query)
                WHERE e."TermsVector" @@ q.query
                """);
        }

        // LIMIT -1 (no limit) keeps SQLite from flattening this into the join: flattened, it walked every visible
        // article and asked the FTS index about each, ten times the CPU of reading the matches first (measured at
        // 20,000 articles, bench/results/search.md).
        var match = string.Join(' ', terms.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
        return db.Database.SqlQuery<SearchScore>(
            $"""
            SELECT rowid AS "ArticleId", -bm25("SearchEntryTerms") AS "Score"
            FROM "SearchEntryTerms" WHERE "SearchEntryTerms" MATCH {match} LIMIT -1
            """);
    }
}
