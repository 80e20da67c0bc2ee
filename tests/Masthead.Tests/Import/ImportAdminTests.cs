using System.Net;
using System.Net.Http.Headers;
using Masthead.Audit;
using Masthead.Import;
using Masthead.Staff;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Import;

/// <summary>The admin's Import page (try, confirm, follow, read the report) and its redirect table, over HTTP as a browser posts.</summary>
public abstract class ImportAdminTests(MastheadFactory factory)
{
    private readonly string unique = EditorDesk.Unique();

    [Fact]
    public async Task An_admin_tries_an_export_reads_the_report_with_nothing_written_then_imports_it_and_follows_it_to_its_report()
    {
        using var admin = await factory.SignedInAdminAsync();
        var xml = ImportExports.Wxr(unique, ImportExports.Post(unique, ImportExports.Id(unique, 1), $"admin-{unique}", "Imported from the admin"));

        using var tried = await PostUploadAsync(admin, xml, $"site-{unique}.xml");

        Assert.Equal(HttpStatusCode.OK, tried.StatusCode);
        var report = await Html.ParseAsync(tried);
        Assert.Contains("article imported", report.QuerySelector(".import-report")!.TextContent, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.Articles.AnyAsync(a => a.Slug == $"admin-{unique}")));
        var waiting = report.QuerySelector("input[name='Input.Waiting']")!.GetAttribute("value")!;

        using var confirmed = await factory.PostFormAsync(admin, "/admin/import", Fields(report), "/admin/import?handler=Import");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var runPage = confirmed.Headers.Location!.OriginalString;
        Assert.Matches("^/admin/import/[0-9]+$", runPage);

        var finished = await UntilFinishedAsync(admin, runPage);
        Assert.Contains("Finished", finished.QuerySelector(".import-state")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("article imported", finished.QuerySelector(".import-report")!.TextContent, StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.Articles.AnyAsync(a => a.Slug == $"admin-{unique}")));
        var runId = int.Parse(runPage.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.ImportFinished && e.Target == $"import {runId}" && e.StaffEmail == factory.AdminEmail)));
        Assert.False(File.Exists(Path.Combine(factory.DataDirectory, "imports", waiting)));

        var index = await factory.GetPageAsync(admin, "/admin/import");
        Assert.Contains(index.QuerySelectorAll("a"), a => a.GetAttribute("href") == runPage);
    }

    [Fact]
    public async Task A_file_that_is_not_an_export_is_refused_on_the_page_with_its_reason_and_nothing_waits()
    {
        using var admin = await factory.SignedInAdminAsync();

        using var tried = await PostUploadAsync(admin, "{\"not\": \"wordpress\"}", "export.xml");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, tried.StatusCode);
        var page = await Html.ParseAsync(tried);
        Assert.Contains("XML", page.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("input[name='Input.Waiting']"));
    }

    [Fact]
    public async Task A_confirmation_naming_no_waiting_upload_is_a_clear_400()
    {
        using var admin = await factory.SignedInAdminAsync();

        using var answer = await factory.PostFormAsync(admin, "/admin/import",
            [new("Input.Waiting", "../../masthead.db"), new("Input.Source", "wordpress")], "/admin/import?handler=Import");

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("upload it again", (await Html.ParseAsync(answer)).QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_is_for_admins_only()
    {
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);

        using var answer = await editor.GetAsync(new Uri("/admin/import", UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("/admin/denied", answer.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_editor_adds_a_redirect_by_hand_readers_follow_it_and_a_bad_one_is_refused_beside_its_field()
    {
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var from = $"/old/{unique}/story.html";

        using var added = await factory.PostFormAsync(editor, "/admin/redirects", [new("Input.From", from), new("Input.To", "/articles/somewhere")]);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        using var reader = factory.CreateBrowserClient();
        using var followed = await reader.GetAsync(new Uri(from.ToUpperInvariant() + "?utm_source=x", UriKind.Relative));
        Assert.Equal(HttpStatusCode.MovedPermanently, followed.StatusCode);
        Assert.Equal("/articles/somewhere", followed.Headers.Location!.OriginalString);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.RedirectAdded && e.Detail.Contains(unique))));

        using var offsite = await factory.PostFormAsync(editor, "/admin/redirects", [new("Input.From", $"/other/{unique}"), new("Input.To", "https://elsewhere.example/")]);
        Assert.Equal(HttpStatusCode.BadRequest, offsite.StatusCode);
        var page = await Html.ParseAsync(offsite);
        Assert.Contains("never leads to another site", page.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/other/{unique}", page.QuerySelector("input[name='Input.From']")!.GetAttribute("value"));

        using var twice = await factory.PostFormAsync(editor, "/admin/redirects", [new("Input.From", from), new("Input.To", "/articles/else")]);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);

        var listed = await factory.GetPageAsync(editor, "/admin/redirects?q=" + unique);
        var id = await factory.WithDbAsync(db => db.Redirects.Where(r => r.FromPath == from).Select(r => r.Id).SingleAsync());
        using var deleted = await factory.PostFormAsync(editor, "/admin/redirects?q=" + unique, [], $"/admin/redirects?id={id}&handler=Delete");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        using var gone = await reader.GetAsync(new Uri(from, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.NotNull(listed.QuerySelector($"code"));
    }

    private async Task<HttpResponseMessage> PostUploadAsync(HttpClient admin, string content, string fileName)
    {
        var page = await factory.GetPageAsync(admin, "/admin/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Html.AntiforgeryToken(page, "/admin/import", "/admin/import?handler=Try")!), Html.AntiforgeryField },
            { new StringContent(ImportSources.WordPress), "Input.Source" },
        };
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/xml");
        form.Add(file, "Input.Upload", fileName);
        return await admin.PostAsync(new Uri("/admin/import?handler=Try", UriKind.Relative), form);
    }

    /// <summary>The hidden fields of the dry run's confirmation form, as the browser would post them.</summary>
    private static List<KeyValuePair<string, string>> Fields(AngleSharp.Html.Dom.IHtmlDocument report) =>
        [.. report.QuerySelectorAll("form[action*='Import'] input[type='hidden']")
            .Where(i => i.GetAttribute("name") != Html.AntiforgeryField)
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))];

    /// <summary>The run's page once it says it is no longer running: as the page itself does, by asking again (at most 30 s).</summary>
    private async Task<AngleSharp.Html.Dom.IHtmlDocument> UntilFinishedAsync(HttpClient admin, string runPage)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var page = await factory.GetPageAsync(admin, runPage);
            if (page.QuerySelector(".import-report") is not null)
            {
                return page;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{runPage} still says the import is running after 30 seconds.");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ImportAdminTestsOnSqlite(SqliteFactory factory) : ImportAdminTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ImportAdminTestsOnPostgres(PostgresFactory factory) : ImportAdminTests(factory);
