using System.Net;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Readers;

/// <summary>
/// Cyrillic (and every other script) is sent as UTF-8 text, never as numeric character references: "В" as two bytes,
/// not "&amp;#x412;" (eight), on pages, in the content API and in feeds.
/// </summary>
public abstract class UnicodeTextTests(MastheadFactory factory)
{
    [Fact]
    public async Task The_russian_article_its_api_answer_and_the_feeds_carry_its_headline_as_text()
    {
        var author = await EditorDesk.AddAuthorAsync(factory);
        using var editor = await factory.SignedInAdminAsync();
        var id = await EditorDesk.SubmitOkAsync(editor, null, new ArticleInput($"В Казани закрывается книжный магазин {EditorDesk.Unique()}", [author]), "Publish");
        var slug = await factory.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Slug).SingleAsync());
        using var client = factory.CreateClient();
        foreach (var url in new[] { $"/articles/{slug}", "/", $"/api/articles/{slug}", "/feed.xml", "/atom.xml" })
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            Assert.Contains("В Казани закрывается", text, StringComparison.Ordinal);
            Assert.DoesNotContain("&#x4", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\\u04", text, StringComparison.Ordinal);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class UnicodeTextTestsOnSqlite(SqliteFactory factory) : UnicodeTextTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class UnicodeTextTestsOnPostgres(PostgresFactory factory) : UnicodeTextTests(factory);
