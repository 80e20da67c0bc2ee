using System.Net;
using System.Xml.Linq;
using Masthead.Newsroom;
using Masthead.Staff;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.SitePages;

/// <summary>Standalone pages as readers meet them: at the root of their edition, in the navigation and the footer, in the sitemap and nowhere else.</summary>
public abstract class SitePageReaderTests(MastheadFactory factory)
{
    [Fact]
    public async Task A_published_page_is_served_at_its_address_and_a_draft_or_an_unknown_address_is_not_found()
    {
        var slug = $"tips-{EditorDesk.Unique()}";
        await PageDesk.AddAsync(factory, slug, "Send us a tip");
        await PageDesk.AddAsync(factory, slug + "-draft", "Not yet", published: false);
        using var reader = factory.CreateBrowserClient();

        var page = await factory.GetPageAsync(reader, "/" + slug);
        Assert.Equal("Send us a tip", page.QuerySelector("main h1")!.TextContent);
        Assert.Equal("Text.", page.QuerySelector(".story-body")!.TextContent.Trim());
        Assert.Equal($"https://localhost/{slug}", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Null(page.QuerySelector(".appeal"));

        foreach (var missing in new[] { $"/{slug}-draft", $"/nothing-here-{EditorDesk.Unique()}" })
        {
            using var response = await reader.GetAsync(new Uri(missing, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task The_page_route_shadows_no_file_and_no_route_of_the_site()
    {
        using var reader = factory.CreateBrowserClient();
        foreach (var (path, type) in new[]
        {
            ("/site.css", "text/css"), ("/reader.js", "text/javascript"), ("/feed.xml", "application/rss+xml"), ("/atom.xml", "application/atom+xml"),
            ("/sitemap.xml", "application/xml"), ("/robots.txt", "text/plain"), ("/search", "text/html"), ("/support", "text/html"), ("/", "text/html"),
        })
        {
            using var response = await reader.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        }

        using var admin = await reader.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.Contains("/admin/signin", admin.Headers.Location!.ToString(), StringComparison.Ordinal);
        using var icon = await reader.GetAsync(new Uri("/favicon.ico", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, icon.StatusCode);
    }

    [Fact]
    public async Task The_navigation_and_the_footer_list_their_pages_in_order_and_mark_the_current_one()
    {
        var suffix = EditorDesk.Unique();
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        await PageDesk.SubmitOkAsync(editor, null, PageDesk.Fields($"Second {suffix}", $"second-{suffix}", navigation: 20, footer: 1));
        await PageDesk.SubmitOkAsync(editor, null, PageDesk.Fields($"First {suffix}", $"first-{suffix}", navigation: 10));
        await PageDesk.SubmitOkAsync(editor, null, PageDesk.Fields($"Footer only {suffix}", $"footer-{suffix}", footer: 0));
        using var reader = factory.CreateBrowserClient();

        var page = await factory.GetPageAsync(reader, $"/first-{suffix}");
        var header = page.QuerySelectorAll("header nav.site-pages a").Where(a => a.TextContent.EndsWith(suffix, StringComparison.Ordinal)).ToList();
        Assert.Equal([$"First {suffix}", $"Second {suffix}"], header.Select(a => a.TextContent));
        Assert.Equal(["page", null], header.Select(a => a.GetAttribute("aria-current")));
        Assert.NotNull(page.QuerySelector("header nav.site-pages")!.GetAttribute("aria-label"));
        var footer = page.QuerySelectorAll("footer nav.footer-pages a").Where(a => a.TextContent.EndsWith(suffix, StringComparison.Ordinal)).ToList();
        Assert.Equal([$"Footer only {suffix}", $"Second {suffix}"], footer.Select(a => a.TextContent));
        Assert.Equal($"/footer-{suffix}", footer[0].GetAttribute("href"));
    }

    [Fact]
    public async Task A_page_is_cached_and_a_save_refreshes_it_and_the_navigation_of_every_cached_page()
    {
        var suffix = EditorDesk.Unique();
        var id = await PageDesk.AddAsync(factory, $"cached-{suffix}", $"Before {suffix}");
        using var reader = factory.CreateBrowserClient();
        await factory.GetPageAsync(reader, $"/cached-{suffix}");
        await factory.GetPageAsync(reader, "/");

        // Written behind the editor's back: the cached copies stay as they were.
        await factory.WithDbAsync(async db =>
        {
            var page = await db.SitePages.FindAsync(id);
            page!.Title = $"Behind {suffix}";
            page.NavigationOrder = 5;
            await db.SaveChangesAsync();
        });
        Assert.Equal($"Before {suffix}", (await factory.GetPageAsync(reader, $"/cached-{suffix}")).QuerySelector("main h1")!.TextContent);
        Assert.DoesNotContain($"Behind {suffix}", (await factory.GetPageAsync(reader, "/")).QuerySelector("header")!.TextContent, StringComparison.Ordinal);

        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        await PageDesk.SubmitOkAsync(editor, id, PageDesk.Fields($"After {suffix}", $"cached-{suffix}", navigation: 5));

        Assert.Equal($"After {suffix}", (await factory.GetPageAsync(reader, $"/cached-{suffix}")).QuerySelector("main h1")!.TextContent);
        Assert.Contains($"After {suffix}", (await factory.GetPageAsync(reader, "/")).QuerySelector("header nav.site-pages")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"After {suffix}", (await factory.GetPageAsync(reader, "/search")).QuerySelector("header nav.site-pages")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_are_in_the_sitemap_and_in_no_feed_list_search_or_content_api()
    {
        var suffix = EditorDesk.Unique();
        var title = $"Ethics policy {suffix}";
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        await PageDesk.SubmitOkAsync(editor, null, PageDesk.Fields(title, $"ethics-{suffix}", body: $"Our rules {suffix}."));
        using var reader = factory.CreateBrowserClient();

        var sitemap = XDocument.Parse(await reader.GetStringAsync(new Uri("/sitemap.xml", UriKind.Relative)));
        XNamespace map = "http://www.sitemaps.org/schemas/sitemap/0.9";
        Assert.Contains(sitemap.Descendants(map + "loc"), loc => loc.Value == $"https://localhost/ethics-{suffix}");

        // The title, not the suffix: the search page and API repeat the words searched for.
        foreach (var path in new[] { "/feed.xml", "/atom.xml", "/api/articles", "/api/articles?q=" + suffix, "/", "/search?q=" + suffix })
        {
            Assert.DoesNotContain(title, await reader.GetStringAsync(new Uri(path, UriKind.Relative)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_demo_newsroom_has_its_about_and_privacy_pages_in_both_editions_and_a_page_shows_the_appeal_when_asked()
    {
        await using var own = factory.Fresh();
        own.Settings["Masthead:Newsroom:SeedDemo"] = "true";
        using var reader = own.CreateBrowserClient();

        var about = await own.GetPageAsync(reader, "/about");
        Assert.Equal("About us", about.QuerySelector("main h1")!.TextContent);
        Assert.Equal(["About us"], about.QuerySelectorAll("header nav.site-pages a").Select(a => a.TextContent));
        Assert.Equal(["About us", "Privacy policy"], about.QuerySelectorAll("footer nav.footer-pages a").Select(a => a.TextContent));

        Assert.Null(about.QuerySelector(".appeal"));

        // The appeal only when the editor asks for it, and then the edition's active one.
        using var editor = await EditorDesk.SignedInAsAsync(own, StaffRole.Editor);
        var id = await own.WithDbAsync(db => db.SitePages.Where(p => p.Title == "About us").Select(p => p.Id).SingleAsync());
        await PageDesk.SubmitOkAsync(editor, id, [.. PageDesk.Fields("About us", "about", navigation: 1, footer: 1), new("Form.ShowsAppeal", "true")]);
        Assert.NotNull((await own.GetPageAsync(reader, "/about")).QuerySelector(".appeal"));

        var privacy = await own.GetPageAsync(reader, "/privacy");
        Assert.Contains("never sees your card", privacy.QuerySelector(".story-body")!.TextContent, StringComparison.Ordinal);

        var russian = await own.GetPageAsync(reader, "/ru/about");
        Assert.Equal("О нас", russian.QuerySelector("main h1")!.TextContent);
        Assert.Equal("ru", russian.DocumentElement.GetAttribute("lang"));
        Assert.Equal("/ru/about", russian.QuerySelector("header nav.site-pages a")!.GetAttribute("href"));
        using var noRussianPrivacy = await reader.GetAsync(new Uri("/ru/privacy", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, noRussianPrivacy.StatusCode);

        var sitemap = await reader.GetStringAsync(new Uri("/ru/sitemap.xml", UriKind.Relative));
        Assert.Contains("/ru/about</loc>", sitemap, StringComparison.Ordinal);
        Assert.Equal(DemoNewsroom.Pages.Count, await own.WithDbAsync(db => db.SitePages.CountAsync()));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SitePageReaderTestsOnSqlite(SqliteFactory factory) : SitePageReaderTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class SitePageReaderTestsOnPostgres(PostgresFactory factory) : SitePageReaderTests(factory);
