using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Masthead.Articles;
using Masthead.Staff;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Articles;

public abstract class PublishingTests(MastheadFactory factory)
{
    [Fact]
    public async Task A_published_Cyrillic_article_reaches_the_front_page_its_address_the_feeds_the_sitemap_and_the_API()
    {
        var author = await EditorDesk.AddAuthorAsync(factory, $"Анна Смирнова {EditorDesk.Unique()}");
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var suffix = EditorDesk.Unique();
        var headline = $"Делегация прибыла в Дамаск {suffix}";
        var tag = $"Politics {suffix}";

        await EditorDesk.SubmitOkAsync(editor, null, new ArticleInput(headline, [author], "Две военные базы **под вопросом**.", Tags: tag, Dateline: "DAMASCUS"), "Publish");

        var slug = $"delegatsiia-pribyla-v-damask-{suffix}";
        using var reader = factory.CreateBrowserClient();
        var page = await factory.GetPageAsync(reader, $"/articles/{slug}");
        Assert.Equal(headline, page.QuerySelector("h1")!.TextContent);
        Assert.Contains("<strong>под вопросом</strong>", page.QuerySelector(".story-body")!.InnerHtml);
        Assert.Equal("DAMASCUS", page.QuerySelector(".dateline .place")!.TextContent);

        var front = await factory.GetPageAsync(reader, "/");
        Assert.Contains(front.QuerySelectorAll(".article-list a"), a => a.GetAttribute("href") == $"/articles/{slug}");

        var rss = XDocument.Parse(await reader.GetStringAsync(new Uri("/feed.xml", UriKind.Relative)));
        var item = rss.Descendants("item").Single(i => (string?)i.Element("title") == headline);
        Assert.Contains("под вопросом", (string)item.Element(XName.Get("encoded", "http://purl.org/rss/1.0/modules/content/"))!);

        var atom = XDocument.Parse(await reader.GetStringAsync(new Uri("/atom.xml", UriKind.Relative)));
        XNamespace a = "http://www.w3.org/2005/Atom";
        Assert.Contains(atom.Descendants(a + "entry"), e => (string?)e.Element(a + "title") == headline);

        var sitemap = await reader.GetStringAsync(new Uri("/sitemap.xml", UriKind.Relative));
        Assert.Contains($"/articles/{slug}</loc>", sitemap);

        using var list = JsonDocument.Parse(await reader.GetStringAsync(new Uri("/api/articles", UriKind.Relative)));
        Assert.Contains(list.RootElement.GetProperty("items").EnumerateArray(), i => i.GetProperty("slug").GetString() == slug);
        using var detail = JsonDocument.Parse(await reader.GetStringAsync(new Uri($"/api/articles/{slug}", UriKind.Relative)));
        Assert.Equal(headline, detail.RootElement.GetProperty("headline").GetString());
        Assert.Contains("под вопросом", detail.RootElement.GetProperty("bodyHtml").GetString());

        var tagPage = await factory.GetPageAsync(reader, $"/tags/politics-{suffix}");
        Assert.Contains(tagPage.QuerySelectorAll(".article-list a"), a => a.GetAttribute("href") == $"/articles/{slug}");
    }

    [Fact]
    public async Task A_draft_is_hidden_from_readers_and_visible_in_preview()
    {
        var author = await EditorDesk.AddAuthorAsync(factory);
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var headline = $"Draft only {EditorDesk.Unique()}";
        var id = await EditorDesk.SubmitOkAsync(editor, null, new ArticleInput(headline, [author]));

        using var reader = factory.CreateBrowserClient();
        var slug = Slugs.From(headline);
        using var response = await reader.GetAsync(new Uri($"/articles/{slug}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(headline, await reader.GetStringAsync(new Uri("/feed.xml", UriKind.Relative)));

        var preview = await factory.GetPageAsync(editor, $"/admin/articles/{id}/preview");
        Assert.Equal(headline, preview.QuerySelector("h1")!.TextContent);
        Assert.Contains("cannot see this yet", preview.QuerySelector(".preview-banner")!.TextContent);
    }

    [Fact]
    public async Task A_scheduled_article_goes_live_by_itself_when_its_time_comes()
    {
        await using var own = factory.Fresh();
        var author = await EditorDesk.AddAuthorAsync(own);
        using var editor = await own.SignedInAdminAsync();
        var at = own.Clock.GetUtcNow().AddHours(3);
        await EditorDesk.SubmitOkAsync(editor, null, new ArticleInput("Embargoed report", [author], PublishAt: EditorDesk.LocalTime(at)), "Schedule");

        using var reader = own.CreateBrowserClient();
        using (var early = await reader.GetAsync(new Uri("/articles/embargoed-report", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
        }

        own.Clock.Advance(TimeSpan.FromHours(3));

        var page = await own.GetPageAsync(reader, "/articles/embargoed-report");
        Assert.Equal("Embargoed report", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Embargoed report", await reader.GetStringAsync(new Uri("/feed.xml", UriKind.Relative)));
        var list = await own.GetPageAsync(editor, "/admin");
        Assert.Contains("Published", list.QuerySelector(".admin-table tbody tr .status")!.TextContent);
    }

    [Fact]
    public async Task An_unpublished_article_answers_410_and_leaves_the_feeds()
    {
        var author = await EditorDesk.AddAuthorAsync(factory);
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var input = new ArticleInput($"Withdrawn story {EditorDesk.Unique()}", [author]);
        var id = await EditorDesk.SubmitOkAsync(editor, null, input, "Publish");
        await EditorDesk.SubmitOkAsync(editor, id, input, "Unpublish");

        using var reader = factory.CreateBrowserClient();
        var slug = Slugs.From(input.Headline);
        using var page = await reader.GetAsync(new Uri($"/articles/{slug}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Contains("withdrawn", await page.Content.ReadAsStringAsync());
        using var api = await reader.GetAsync(new Uri($"/api/articles/{slug}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Gone, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(input.Headline, await reader.GetStringAsync(new Uri("/feed.xml", UriKind.Relative)));
    }

    [Fact]
    public async Task Every_save_keeps_a_revision_and_an_old_one_can_be_restored()
    {
        var author = await EditorDesk.AddAuthorAsync(factory);
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var first = new ArticleInput($"Budget vote {EditorDesk.Unique()}", [author], "First version of the text.");
        var id = await EditorDesk.SubmitOkAsync(editor, null, first, "Publish");
        await EditorDesk.SubmitOkAsync(editor, id, first with { Body = "Second version, with a mistake." });

        var revisions = await factory.GetPageAsync(editor, $"/admin/articles/{id}/revisions");
        Assert.Equal(2, revisions.QuerySelectorAll(".revision-list li").Length);
        var one = await factory.GetPageAsync(editor, $"/admin/articles/{id}/revisions/1");
        Assert.Contains("First version of the text.", one.QuerySelector(".revision-body")!.TextContent);

        using var restore = await factory.PostFormAsync(editor, $"/admin/articles/{id}/revisions/1", []);
        Assert.Equal(HttpStatusCode.Redirect, restore.StatusCode);

        using var reader = factory.CreateBrowserClient();
        var page = await factory.GetPageAsync(reader, $"/articles/{Slugs.From(first.Headline)}");
        Assert.Contains("First version of the text.", page.QuerySelector(".story-body")!.TextContent);
        var count = await factory.WithDbAsync(db => db.ArticleRevisions.CountAsync(r => r.ArticleId == id));
        Assert.Equal(3, count);
    }

    [Fact]
    public async Task A_save_based_on_an_old_revision_is_refused_and_keeps_what_the_editor_typed()
    {
        var author = await EditorDesk.AddAuthorAsync(factory);
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        using var colleague = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var input = new ArticleInput($"Shared story {EditorDesk.Unique()}", [author], "Original.");
        var id = await EditorDesk.SubmitOkAsync(editor, null, input);
        await EditorDesk.SubmitOkAsync(colleague, id, input with { Body = "The colleague's edit." });

        using var stale = await EditorDesk.SubmitAsync(editor, id, input with { Body = "My late edit." }, version: 1);

        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        var page = await Html.ParseAsync(stale);
        Assert.Contains("saved this article while you were editing", page.QuerySelector(".form-errors")!.TextContent);
        Assert.Equal("My late edit.", EditorDesk.FieldValue(page, "Form.Body"));
        var body = await factory.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.BodyMarkdown).SingleAsync());
        Assert.Equal("The colleague's edit.", body);
        Assert.Equal("2", EditorDesk.FieldValue(page, "Form.Version"));
    }

    [Fact]
    public async Task Script_in_Markdown_never_reaches_the_reader()
    {
        var author = await EditorDesk.AddAuthorAsync(factory);
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var input = new ArticleInput($"Hostile markup {EditorDesk.Unique()}", [author],
            "Fine text.\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n[link](javascript:alert(1))");
        await EditorDesk.SubmitOkAsync(editor, null, input, "Publish");

        using var reader = factory.CreateBrowserClient();
        var page = await factory.GetPageAsync(reader, $"/articles/{Slugs.From(input.Headline)}");
        var body = page.QuerySelector(".story-body")!.InnerHtml;
        Assert.Contains("Fine text.", body);
        Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_cover_image_is_stored_under_a_name_of_our_own_and_served()
    {
        var author = await EditorDesk.AddAuthorAsync(factory);
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var input = new ArticleInput($"With a picture {EditorDesk.Unique()}", [author]);
        await EditorDesk.SubmitOkAsync(editor, null, input, "Publish", new Upload("photo of the square.png", "image/png", TestImages.Png));

        using var reader = factory.CreateBrowserClient();
        var page = await factory.GetPageAsync(reader, $"/articles/{Slugs.From(input.Headline)}");
        var src = page.QuerySelector(".cover img")!.GetAttribute("src")!;
        Assert.Matches("^/media/[0-9a-f]{24}\\.png$", src);
        using var image = await reader.GetAsync(new Uri(src, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal(TestImages.Png, await image.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PublishingTestsOnSqlite(SqliteFactory factory) : PublishingTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PublishingTestsOnPostgres(PostgresFactory factory) : PublishingTests(factory);
