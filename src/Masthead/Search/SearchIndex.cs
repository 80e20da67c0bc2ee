using Masthead.Articles;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Search;

/// <summary>Writes articles' <see cref="SearchEntry"/> rows: from an editor's save, and from <see cref="SearchCatchUp"/>.</summary>
public sealed class SearchIndex(MastheadDb db)
{
    /// <summary>Indexes <paramref name="article"/> as it is now, inside whatever transaction the save holds, so the index commits with the text.</summary>
    public Task IndexAsync(Article article, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        return WriteAsync(db, article.Id, TermsOf(article.Headline, article.Standfirst, article.Dateline, article.BodyMarkdown), article.Version, cancellationToken);
    }

    /// <summary>
    /// The article's terms: the headline twice (a headline's word says more about the article than a word in its tenth
    /// paragraph, and one text column keeps both databases' ranking alike), the standfirst, the dateline, the body.
    /// </summary>
    public static string TermsOf(string headline, string standfirst, string dateline, string bodyMarkdown) =>
        string.Join(' ', SearchText.Terms(string.Join('\n', headline, headline, standfirst, dateline, ArticleMarkdown.ToPlainText(bodyMarkdown))));

    /// <summary>
    /// Inserts or replaces the entry, but never with an older version than it holds: the catch-up job may have read an
    /// article just before an editor saved it, and its late write must not put the old words back. The same statement
    /// on SQLite and PostgreSQL.
    /// </summary>
    internal static Task WriteAsync(MastheadDb db, int articleId, string terms, int version, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "SearchEntries" ("ArticleId", "Terms", "Version") VALUES ({articleId}, {terms}, {version})
            ON CONFLICT ("ArticleId") DO UPDATE SET "Terms" = excluded."Terms", "Version" = excluded."Version"
            WHERE "SearchEntries"."Version" < excluded."Version"
            """, cancellationToken);
}
