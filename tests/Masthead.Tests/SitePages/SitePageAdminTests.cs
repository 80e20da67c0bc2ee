using System.Net;
using Masthead.Audit;
using Masthead.Staff;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.SitePages;

/// <summary>Editors writing standalone pages at /admin/pages: every save checked, versioned and audited.</summary>
public abstract class SitePageAdminTests(MastheadFactory factory)
{
    [Fact]
    public async Task An_editor_creates_a_page_whose_address_comes_from_its_title_then_edits_it_and_each_save_is_audited()
    {
        var suffix = EditorDesk.Unique();
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var id = await PageDesk.SubmitOkAsync(editor, null, PageDesk.Fields($"Work with us {suffix}", navigation: 3));

        var slug = $"work-with-us-{suffix}";
        var list = await factory.GetPageAsync(editor, "/admin/pages");
        var row = list.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(suffix, StringComparison.Ordinal));
        Assert.Contains($"https://localhost/{slug}", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Published", row.TextContent, StringComparison.Ordinal);
        using var reader = factory.CreateBrowserClient();
        Assert.Contains("<strong>story</strong>", (await factory.GetPageAsync(reader, "/" + slug)).QuerySelector(".story-body")!.InnerHtml, StringComparison.Ordinal);

        await PageDesk.SubmitOkAsync(editor, id, PageDesk.Fields($"Jobs {suffix}", slug, body: "Changed.", published: false));
        using var drafted = await reader.GetAsync(new Uri("/" + slug, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, drafted.StatusCode);

        var actions = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.Target == AuditLog.Target("page", id)).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal([AuditActions.PageCreated, AuditActions.PageSaved], actions);
    }

    [Theory]
    [InlineData("search", "kept for the site")]
    [InlineData("feed", "kept for the site")]
    [InlineData("2024", "kept for the site")]
    [InlineData("Not A Slug", "lower-case Latin letters")]
    public async Task A_reserved_or_malformed_address_is_refused_beside_the_field_with_the_form_kept(string slug, string message)
    {
        var title = $"Refused {EditorDesk.Unique()}";
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        using var response = await PageDesk.SubmitAsync(editor, null, PageDesk.Fields(title, slug, body: "Kept text.", navigation: 7));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector("[data-valmsg-for='Form.Slug']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(title, EditorDesk.FieldValue(page, "Form.Title"));
        Assert.Equal("Kept text.", EditorDesk.FieldValue(page, "Form.Body"));
        Assert.Equal("7", EditorDesk.FieldValue(page, "Form.NavigationOrder"));
        Assert.False(await factory.WithDbAsync(db => db.SitePages.AnyAsync(p => p.Title == title)));
    }

    [Fact]
    public async Task An_address_another_page_of_the_edition_has_is_refused()
    {
        var slug = $"taken-{EditorDesk.Unique()}";
        await PageDesk.AddAsync(factory, slug, "The first");
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        using var response = await PageDesk.SubmitAsync(editor, null, PageDesk.Fields("The second", slug));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("already has the address", page.QuerySelector("[data-valmsg-for='Form.Slug']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await factory.WithDbAsync(db => db.SitePages.CountAsync(p => p.Slug == slug)));
    }

    [Fact]
    public async Task A_save_from_a_form_opened_before_someone_elses_save_is_refused_and_writes_nothing()
    {
        var slug = $"stale-{EditorDesk.Unique()}";
        var id = await PageDesk.AddAsync(factory, slug, "Original");
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        await PageDesk.SubmitOkAsync(editor, id, PageDesk.Fields("Theirs", slug));

        using var response = await PageDesk.SubmitAsync(editor, id, [.. PageDesk.Fields("Mine", slug), new("Form.Version", "0")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("Someone saved this page", page.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Mine", EditorDesk.FieldValue(page, "Form.Title"));
        Assert.Equal("Theirs", await factory.WithDbAsync(db => db.SitePages.Where(p => p.Id == id).Select(p => p.Title).SingleAsync()));

        // The form now carries the current version: saving again replaces theirs.
        using var again = await Forms.PostAsync(editor, $"/admin/pages/{id}/edit", [.. PageDesk.Fields("Mine", slug), new("Form.Version", EditorDesk.FieldValue(page, "Form.Version")!)]);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("Mine", await factory.WithDbAsync(db => db.SitePages.Where(p => p.Id == id).Select(p => p.Title).SingleAsync()));
    }

    [Fact]
    public async Task Deleting_asks_first_then_the_address_is_not_found_its_link_is_gone_and_the_deletion_is_audited()
    {
        var suffix = EditorDesk.Unique();
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var id = await PageDesk.SubmitOkAsync(editor, null, PageDesk.Fields($"Short lived {suffix}", $"short-{suffix}", navigation: 1));
        using var reader = factory.CreateBrowserClient();
        Assert.Contains(suffix, (await factory.GetPageAsync(reader, "/")).QuerySelector("header")!.TextContent, StringComparison.Ordinal);

        var confirm = await factory.GetPageAsync(editor, $"/admin/pages/{id}/delete");
        Assert.Contains("cannot be undone", confirm.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.SitePages.AnyAsync(p => p.Id == id)));
        using var deleted = await Forms.PostAsync(editor, $"/admin/pages/{id}/delete", []);
        Assert.Equal("/admin/pages", deleted.Headers.Location!.OriginalString);

        using var gone = await reader.GetAsync(new Uri($"/short-{suffix}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.DoesNotContain(suffix, (await factory.GetPageAsync(reader, "/")).QuerySelector("header")!.TextContent, StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Target == AuditLog.Target("page", id) && e.Action == AuditActions.PageDeleted)));
    }

    [Fact]
    public async Task A_preview_renders_the_text_without_saving_it()
    {
        var title = $"Previewed {EditorDesk.Unique()}";
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var fields = PageDesk.Fields(title, body: "Seen **first**.");
        fields[^1] = new("intent", "Preview");
        using var response = await PageDesk.SubmitAsync(editor, null, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("<strong>first</strong>", page.QuerySelector(".page-preview .story-body")!.InnerHtml, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.SitePages.AnyAsync(p => p.Title == title)));
    }

    [Fact]
    public async Task A_writer_can_neither_open_nor_post_to_the_pages()
    {
        var id = await PageDesk.AddAsync(factory, $"guarded-{EditorDesk.Unique()}", "Guarded");
        using var writer = await EditorDesk.SignedInAsAsync(factory, StaffRole.Writer);
        foreach (var url in new[] { "/admin/pages", "/admin/pages/new", $"/admin/pages/{id}/edit", $"/admin/pages/{id}/delete" })
        {
            using var response = await writer.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Contains("/admin/denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        using var post = await writer.PostAsync(new Uri($"/admin/pages/{id}/delete", UriKind.Relative), new FormUrlEncodedContent([]));
        Assert.Contains("/admin/denied", post.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.SitePages.AnyAsync(p => p.Id == id)));
        Assert.DoesNotContain("Pages", (await factory.GetPageAsync(writer, "/admin")).QuerySelector("nav")!.TextContent, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SitePageAdminTestsOnSqlite(SqliteFactory factory) : SitePageAdminTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class SitePageAdminTestsOnPostgres(PostgresFactory factory) : SitePageAdminTests(factory);
