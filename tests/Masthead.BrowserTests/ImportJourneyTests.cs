using System.Text.RegularExpressions;
using Masthead.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Masthead.BrowserTests;

/// <summary>An admin moves a WordPress archive in through the Import page; a reader's old link leads to the imported article.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ImportJourneyTests(BrowserFixture browser) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("masthead-import-journey-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task An_admin_tries_an_export_reads_what_it_would_do_imports_it_and_an_old_link_finds_the_article()
    {
        var export = Path.Combine(folder, "riga-daily.WordPress.2026-12-01.xml");
        await File.WriteAllTextAsync(export, Wxr);
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var admin = await context.NewPageAsync();
        await browser.SignInAsync(admin);

        await admin.GetByRole(AriaRole.Link, new() { Name = "Import", Exact = true }).ClickAsync();
        await admin.GetByRole(AriaRole.Radio, new() { Name = "WordPress (Tools" }).CheckAsync();
        await admin.GetByLabel(new Regex("^The export file")).SetInputFilesAsync(export);
        await Axe.AssertNoSeriousViolationsAsync(admin);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Try it (writes nothing)" }).ClickAsync();

        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "What importing riga-daily.WordPress.2026-12-01.xml would do" })).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator(".import-report")).ToContainTextAsync("article imported");
        await Assertions.Expect(admin.Locator(".import-report")).ToContainTextAsync("comment skipped");
        await Axe.AssertNoSeriousViolationsAsync(admin);
        await admin.ScreenshotAsync(new() { Path = Screenshots.PathFor("admin-import-dry-run.png"), FullPage = true });

        await admin.GetByRole(AriaRole.Button, new() { Name = "Import now" }).ClickAsync();
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex("/admin/import/[0-9]+$"));

        // The page refreshes itself while the import runs; the report appears when it is done.
        await Assertions.Expect(admin.Locator(".import-state")).ToContainTextAsync("Finished", new() { Timeout = 30_000 });
        await Assertions.Expect(admin.Locator(".import-report")).ToContainTextAsync("redirect made");
        await Axe.AssertNoSeriousViolationsAsync(admin);
        await admin.ScreenshotAsync(new() { Path = Screenshots.PathFor("admin-import-finished.png"), FullPage = true });

        await using var readerContext = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        var reader = await readerContext.NewPageAsync();
        await reader.GotoAsync("/2024/04/02/council-budget-journey/");
        await Assertions.Expect(reader).ToHaveURLAsync(new Regex("/articles/council-budget-journey$"));
        await Assertions.Expect(reader.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("The council passes its budget");
        await Assertions.Expect(reader.GetByText("It voted 7 to 2.")).ToBeVisibleAsync();
    }

    private const string Wxr = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
        <channel>
        <title>Riga Daily</title>
        <link>https://news.example.lv</link>
        <wp:wxr_version>1.2</wp:wxr_version>
        <wp:base_site_url>https://news.example.lv</wp:base_site_url>
        <wp:author><wp:author_login><![CDATA[journey-ada]]></wp:author_login><wp:author_display_name><![CDATA[Ada Journey]]></wp:author_display_name></wp:author>
        <item>
        <title>The council passes its budget</title>
        <link>https://news.example.lv/2024/04/02/council-budget-journey/</link>
        <dc:creator><![CDATA[journey-ada]]></dc:creator>
        <content:encoded><![CDATA[The council met on Tuesday.

        It voted 7 to 2.]]></content:encoded>
        <excerpt:encoded><![CDATA[After a long night.]]></excerpt:encoded>
        <wp:post_id>880001</wp:post_id>
        <wp:post_date>2024-04-02 12:30:00</wp:post_date>
        <wp:post_date_gmt>2024-04-02 09:30:00</wp:post_date_gmt>
        <wp:post_name><![CDATA[council-budget-journey]]></wp:post_name>
        <wp:status>publish</wp:status>
        <wp:post_type>post</wp:post_type>
        <wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_content>Well done.</wp:comment_content></wp:comment>
        </item>
        </channel>
        </rss>
        """;
}
