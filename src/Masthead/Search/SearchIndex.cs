using Masthead.Articles;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Search;

/// <summary>Writes articles' <see cref="SearchEntry"/> rows: from an editor's save, and from <see cref="SearchCatchUp"/>.</summary>
public sealed class SearchIndex(MastheadDb db)
{
    /// <summary>Indexes <paramref name="article"/> as it is now, inside whatever transaction the save holds, so the index commits with the text.</summary>
    public Task IndexAsync(Article article, CancellationToken cancellationToken) => WriteAsync(db, EntryOf(article), cancellationToken);

    /// <summary>The entry for <paramref name="article"/>, which needs only its id, version, visibility and text.</summary>
    public static SearchEntry EntryOf(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return new SearchEntry
        {
            ArticleId = article.Id,
            Edition = article.Edition,
            Status = article.Status,
            PublishAt = article.PublishAt,
            Version = article.Version,
            Terms = TermsOf(article.Headline, article.Standfirst, article.Dateline, article.BodyMarkdown),
        };
    }

    /// <summary>
    /// The article's terms: the headline twice (a headline's word says more about the article than a word in its tenth
    /// paragraph, and one text column keeps both databases' ranking alike), the standfirst, the dateline, the body.
    /// </summary>
    private static string TermsOf(string headline, string standfirst, string dateline, string bodyMarkdown) =>
        string.Join(' ', SearchWords.Terms(string.Join('\n', headline, headline, standfirst, dateline, ArticleMarkdown.ToPlainText(bodyMarkdown))));

    /// <summary>
    /// Inserts or replaces the entry, but never with an older version than it holds: the catch-up job may have read an
    /// article just before an editor saved it, and its late write must not put the old words back. The same version is
    /// written again, which is how the catch-up job mends a copy of the visibility that something else changed. The same
    /// statement on SQLite and PostgreSQL; the values go through the model's converters (SQLite keeps times as ticks).
    /// </summary>
    internal static Task WriteAsync(MastheadDb db, SearchEntry entry, CancellationToken cancellationToken)
    {
        var status = Stored(db, nameof(SearchEntry.Status), entry.Status);
        var publishAt = Stored(db, nameof(SearchEntry.PublishAt), entry.PublishAt);
        return db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "SearchEntries" ("ArticleId", "Edition", "Status", "PublishAt", "Version", "Terms")
            VALUES ({entry.ArticleId}, {entry.Edition}, {status}, {publishAt}, {entry.Version}, {entry.Terms})
            ON CONFLICT ("ArticleId") DO UPDATE SET "Edition" = excluded."Edition", "Status" = excluded."Status",
                "PublishAt" = excluded."PublishAt", "Version" = excluded."Version", "Terms" = excluded."Terms"
            WHERE "SearchEntries"."Version" <= excluded."Version"
            """, cancellationToken);
    }

    private static object? Stored(MastheadDb db, string property, object? value)
    {
        var converter = db.Model.FindEntityType(typeof(SearchEntry))!.FindProperty(property)!.GetTypeMapping().Converter;
        return value is null || converter is null ? value : converter.ConvertToProvider(value);
    }
}
