using Masthead.Articles;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Search;

/// <summary>
/// Finds the articles of one edition that readers can see and that hold every term of a query, most relevant first
/// and, among equals, newest first; when more than <see cref="RankedMatches"/> match, newest first. Each database
/// scores with its own full-text index. Who may be found is decided
/// twice: on the entries' copy of each article's edition and visibility (<see cref="SearchEntry"/>), for the count and
/// the ranking, and on the shown page's articles themselves by <see cref="ArticleQueries.VisibleAt"/>, the rule every
/// reader page uses.
/// </summary>
public static class ArticleSearch
{
    /// <summary>
    /// The most matches ranked by relevance. Scoring reads every match's entry in the index, so a word in most of a
    /// large archive cost a quarter of a second (bench/results/search.md); among thousands of matches relevance says
    /// little a reader can use, and newest first is what a news archive is read in. Above it the count is not
    /// finished either: the page says "more than 2,000".
    /// </summary>
    public const int RankedMatches = 2_000;

    /// <summary>How many newest-first results are found by walking the edition from its newest entry (see <see cref="Newest"/>).</summary>
    private const int WalkedResults = 200;

    private static readonly string Published = nameof(ArticleStatus.Published);
    private static readonly string Scheduled = nameof(ArticleStatus.Scheduled);

    public static async Task<Page<SearchResult>> FindAsync(
        MastheadDb db, SearchQuery query, string edition, DateTimeOffset now, int page, int size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        if (query.Terms.Count == 0)
        {
            return new Page<SearchResult>([], page, size, 0);
        }

        // At most one more than RankedMatches: a total above it means "more than", and newest first.
        var total = await Count(db, query.Terms, edition, now, RankedMatches + 1).SingleAsync(cancellationToken);
        if (total == 0 || (long)(page - 1) * size >= total)
        {
            return new Page<SearchResult>([], page, size, total);
        }

        // The ranking reads only ids, scores and times; the text is read for the one page shown. An article changed
        // outside the editor's form, whose entry the catch-up job has not rewritten yet, drops out of the page here.
        var skip = (page - 1) * size;
        var ids = await (total > RankedMatches ? Newest(db, query.Terms, edition, now, skip, size) : Ranked(db, query.Terms, edition, now, skip, size))
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
    /// How many visible articles of <paramref name="edition"/> hold all of <paramref name="terms"/>, counting no further
    /// than <paramref name="most"/>. Nothing is scored. On SQLite the CROSS JOIN keeps the index's matches the outer
    /// loop, so the count stops at <paramref name="most"/> (ten times faster for a common word than counting a
    /// materialized list of its matches).
    /// </summary>
    private static IQueryable<int> Count(MastheadDb db, IReadOnlyList<string> terms, string edition, DateTimeOffset now, int most)
    {
        if (db is PostgresMastheadDb)
        {
            return db.Database.SqlQuery<int>(
                $"""
                SELECT count(*)::integer AS "Value" FROM (
                    SELECT 1 FROM "SearchEntries" AS e, plainto_tsquery('simple', {Words(terms)}) AS q(query)
                    WHERE e."TermsVector" @@ q.query AND e."Edition" = {edition} AND e."Status" IN ({Published}, {Scheduled}) AND e."PublishAt" <= {now}
                    LIMIT {most}) AS found
                """);
        }

        return db.Database.SqlQuery<int>(
            $"""
            SELECT count(*) AS "Value" FROM (
                SELECT 1 FROM "SearchEntryTerms" AS m CROSS JOIN "SearchEntries" AS e INDEXED BY "IX_SearchEntries_Visibility" ON e."ArticleId" = m.rowid
                WHERE m."SearchEntryTerms" MATCH {Match(terms)}
                    AND e."Edition" = {edition} AND e."Status" IN ({Published}, {Scheduled}) AND e."PublishAt" <= {now.UtcTicks}
                LIMIT {most}) AS found
            """);
    }

    /// <summary>
    /// One page of the matches, newest first, for a query that matches more than <see cref="RankedMatches"/>. The
    /// first pages walk the edition's entries from the newest (<c>IX_SearchEntries_Edition_PublishAt_Status</c>),
    /// asking the index about each, until a page of them match: a word in most articles costs a few dozen lookups.
    /// Deeper pages, which that walk would make long for a word in one article of fifty, list the matches first.
    /// </summary>
    private static IQueryable<int> Newest(MastheadDb db, IReadOnlyList<string> terms, string edition, DateTimeOffset now, int skip, int take)
    {
        if (db is PostgresMastheadDb)
        {
            return db.Database.SqlQuery<int>(
                $"""
                SELECT e."ArticleId" AS "Value"
                FROM "SearchEntries" AS e, plainto_tsquery('simple', {Words(terms)}) AS q(query)
                WHERE e."TermsVector" @@ q.query AND e."Edition" = {edition} AND e."Status" IN ({Published}, {Scheduled}) AND e."PublishAt" <= {now}
                ORDER BY e."PublishAt" DESC, e."ArticleId" DESC
                LIMIT {take} OFFSET {skip}
                """);
        }

        if (skip + take <= WalkedResults)
        {
            return db.Database.SqlQuery<int>(
                $"""
                SELECT e."ArticleId" AS "Value"
                FROM "SearchEntries" AS e INDEXED BY "IX_SearchEntries_Edition_PublishAt_Status"
                WHERE e."Edition" = {edition} AND e."Status" IN ({Published}, {Scheduled}) AND e."PublishAt" <= {now.UtcTicks}
                    AND EXISTS (SELECT 1 FROM "SearchEntryTerms" AS t WHERE t."SearchEntryTerms" MATCH {Match(terms)} AND t.rowid = e."ArticleId")
                ORDER BY e."PublishAt" DESC, e."ArticleId" DESC
                LIMIT {take} OFFSET {skip}
                """);
        }

        return db.Database.SqlQuery<int>(
            $"""
            SELECT e."ArticleId" AS "Value"
            FROM "SearchEntries" AS e INDEXED BY "IX_SearchEntries_Edition_PublishAt_Status"
            WHERE e."Edition" = {edition} AND e."Status" IN ({Published}, {Scheduled}) AND e."PublishAt" <= {now.UtcTicks}
                AND e."ArticleId" IN (SELECT rowid FROM "SearchEntryTerms" WHERE "SearchEntryTerms" MATCH {Match(terms)})
            ORDER BY e."PublishAt" DESC, e."ArticleId" DESC
            LIMIT {take} OFFSET {skip}
            """);
    }

    /// <summary>
    /// The ids of one page of the matches, best first: bm25 on SQLite, ts_rank on PostgreSQL, then newest, then the
    /// latest written. The terms are letters and digits only (<see cref="SearchWords"/>) and travel as parameters:
    /// SQLite's FTS5 gets each as a quoted string (implicit AND), PostgreSQL's plainto_tsquery ANDs them through the
    /// same 'simple' configuration that built the tsvector.
    /// </summary>
    private static IQueryable<int> Ranked(MastheadDb db, IReadOnlyList<string> terms, string edition, DateTimeOffset now, int skip, int take)
    {
        if (db is PostgresMastheadDb)
        {
            return db.Database.SqlQuery<int>(
                $"""
                SELECT e."ArticleId" AS "Value"
                FROM "SearchEntries" AS e, plainto_tsquery('simple', {Words(terms)}) AS q(query)
                WHERE e."TermsVector" @@ q.query AND e."Edition" = {edition} AND e."Status" IN ({Published}, {Scheduled}) AND e."PublishAt" <= {now}
                ORDER BY ts_rank(e."TermsVector", q.query, 1) DESC, e."PublishAt" DESC, e."ArticleId" DESC
                LIMIT {take} OFFSET {skip}
                """);
        }

        // LIMIT -1 (no limit) keeps SQLite from flattening the FTS5 query into the join: flattened, it walked every
        // visible article and asked the index about each. The visibility is read from a narrow index of the entries
        // (made by the SearchVisibility migration), not from their rows, each of which spans a page with its terms.
        return db.Database.SqlQuery<int>(
            $"""
            SELECT m.id AS "Value"
            FROM (SELECT rowid AS id, bm25("SearchEntryTerms") AS rank FROM "SearchEntryTerms" WHERE "SearchEntryTerms" MATCH {Match(terms)} LIMIT -1) AS m
            JOIN "SearchEntries" AS e INDEXED BY "IX_SearchEntries_Visibility" ON e."ArticleId" = m.id
            WHERE e."Edition" = {edition} AND e."Status" IN ({Published}, {Scheduled}) AND e."PublishAt" <= {now.UtcTicks}
            ORDER BY m.rank, e."PublishAt" DESC, m.id DESC
            LIMIT {take} OFFSET {skip}
            """);
    }

    private static string Words(IReadOnlyList<string> terms) => string.Join(' ', terms);

    private static string Match(IReadOnlyList<string> terms) =>
        string.Join(' ', terms.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
}
