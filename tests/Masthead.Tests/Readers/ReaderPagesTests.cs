using System.Net;
using System.Text.Json;
using Masthead.Articles;
using Masthead.Staff;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Readers;

public abstract class ReaderPagesTests(MastheadFactory factory)
{
    private async Task<string> PublishedSlugAsync()
    {
        var author = await EditorDesk.AddAuthorAsync(factory, $"Maria Ivanova {EditorDesk.Unique()}");
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var input = new ArticleInput($"Two bases at stake {EditorDesk.Unique()}", [author], "## Context\n\nThe spokesman said \"no comment\".",
            Standfirst: "A delegation visits.", Tags: "World");
        await EditorDesk.SubmitOkAsync(editor, null, input, "Publish");
        return Slugs.From(input.Headline);
    }

    [Fact]
    public async Task The_article_page_describes_itself_to_search_engines_and_link_previews()
    {
        var slug = await PublishedSlugAsync();
        using var reader = factory.CreateBrowserClient();

        var page = await factory.GetPageAsync(reader, $"/articles/{slug}");

        Assert.Equal($"https://localhost/articles/{slug}", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("article", page.QuerySelector("meta[property='og:type']")!.GetAttribute("content"));
        Assert.Equal("A delegation visits.", page.QuerySelector("meta[property='og:description']")!.GetAttribute("content"));
        using var jsonLd = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.Equal("NewsArticle", jsonLd.RootElement.GetProperty("@type").GetString());
        Assert.StartsWith("Two bases at stake", jsonLd.RootElement.GetProperty("headline").GetString());
        Assert.Equal(Masthead.Web.Dates.Iso(factory.Clock.GetUtcNow()), jsonLd.RootElement.GetProperty("datePublished").GetString());
        Assert.StartsWith("Maria Ivanova", jsonLd.RootElement.GetProperty("author")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Public_pages_load_nothing_from_another_host_and_no_script_but_our_own_small_one()
    {
        var slug = await PublishedSlugAsync();
        using var reader = factory.CreateBrowserClient();
        foreach (var url in new[] { "/", $"/articles/{slug}", "/tags/world" })
        {
            var page = await factory.GetPageAsync(reader, url);
            Assert.Equal(["/reader.js"], page.QuerySelectorAll("script:not([type='application/ld+json'])").Select(s => s.GetAttribute("src")));
            var loaded = page.QuerySelectorAll("img[src], link[rel=stylesheet], link[rel=icon], iframe, video, audio, source")
                .Select(e => e.GetAttribute("src") ?? e.GetAttribute("href")!);
            Assert.All(loaded, address => Assert.StartsWith("/", address));
        }
    }

    [Fact]
    public async Task The_article_page_with_its_stylesheet_weighs_under_50_KB()
    {
        var slug = await PublishedSlugAsync();
        using var reader = factory.CreateBrowserClient();

        var html = await reader.GetByteArrayAsync(new Uri($"/articles/{slug}", UriKind.Relative));
        var css = await reader.GetByteArrayAsync(new Uri("/site.css", UriKind.Relative));

        Assert.True(html.Length + css.Length < 50 * 1024, $"HTML {html.Length} B + CSS {css.Length} B");
    }

    [Fact]
    public async Task The_reader_script_stays_under_6_KB_gzipped()
    {
        // 5 KB raw until the edition offer, the appeal's plural forms, the appeal engine (audiences, tests, banners,
        // counting) and the reader's switch and consent for it joined it; still one small request, unminified, and
        // what travels is compressed.
        using var reader = factory.CreateBrowserClient();
        var script = await reader.GetByteArrayAsync(new Uri("/reader.js", UriKind.Relative));
        using var gzipped = new MemoryStream();
        await using (var gzip = new System.IO.Compression.GZipStream(gzipped, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            await gzip.WriteAsync(script);
        }

        Assert.InRange(script.Length, 1, 18 * 1024);
        Assert.InRange(gzipped.Length, 1, 6 * 1024);
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        using var reader = factory.CreateBrowserClient();
        using var response = await reader.GetAsync(new Uri("/", UriKind.Relative));
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task Plain_http_gets_no_strict_transport_security_header()
    {
        // A browser ignores the header over HTTP, and a site run only on HTTP (the run command) must not claim it.
        using var plain = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost/") });
        using var response = await plain.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task A_missing_page_answers_a_helpful_404()
    {
        await PublishedSlugAsync();
        using var reader = factory.CreateBrowserClient();

        using var response = await reader.GetAsync(new Uri("/articles/no-such-article", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("We couldn't find that page", page.QuerySelector("h1")!.TextContent);
        Assert.NotEmpty(page.QuerySelectorAll(".latest a"));
        Assert.NotNull(page.QuerySelector("a[href='/']"));
    }

    [Theory]
    [InlineData("/error/1")]
    [InlineData("/error/200")]
    [InlineData("/error/99999")]
    public async Task A_made_up_error_address_is_a_404_not_a_broken_answer(string url)
    {
        using var reader = factory.CreateBrowserClient();
        using var response = await reader.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/?page=abc")]
    [InlineData("/?page=0")]
    [InlineData("/?page=-1")]
    [InlineData("/?page=99999999999")]
    [InlineData("/tags/world?page=1.5")]
    public async Task A_malformed_page_number_answers_400_with_the_reason(string url)
    {
        await PublishedSlugAsync();
        using var reader = factory.CreateBrowserClient();

        using var response = await reader.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The page number must be a whole number from 1 up.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_page_past_the_end_answers_404()
    {
        using var reader = factory.CreateBrowserClient();
        using var response = await reader.GetAsync(new Uri("/?page=5000", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/?utm_source=newsletter&fbclid=abc", "/")]
    [InlineData("/?page=2&utm_medium=social", "/?page=2")]
    [InlineData("/articles/some-story?ref=twitter", "/articles/some-story")]
    public async Task Unknown_query_parameters_on_public_pages_redirect_to_the_clean_address(string url, string clean)
    {
        using var reader = factory.CreateBrowserClient();
        using var response = await reader.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(clean, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_front_page_pages_through_older_articles()
    {
        await using var own = factory.Fresh();
        own.Settings["Masthead:Newsroom:PageSize"] = "2";
        var author = await EditorDesk.AddAuthorAsync(own);
        using var editor = await own.SignedInAdminAsync();
        for (var i = 1; i <= 5; i++)
        {
            await EditorDesk.SubmitOkAsync(editor, null, new ArticleInput($"Story number {i}", [author]), "Publish");
            own.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        using var reader = own.CreateBrowserClient();
        var first = await own.GetPageAsync(reader, "/");
        Assert.Equal(["Story number 5", "Story number 4"], first.QuerySelectorAll(".article-list h2").Select(h => h.TextContent.Trim()));
        Assert.Equal("/?page=2", first.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        var last = await own.GetPageAsync(reader, "/?page=3");
        Assert.Equal(["Story number 1"], last.QuerySelectorAll(".article-list h2").Select(h => h.TextContent.Trim()));
        Assert.Null(last.QuerySelector("a[rel=next]"));
        Assert.Equal("/?page=2", last.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_demo_newsroom_fills_an_empty_site_with_an_english_and_a_russian_edition_whose_translations_link()
    {
        await using var own = factory.Fresh();
        own.Settings["Masthead:Newsroom:SeedDemo"] = "true";
        using var reader = own.CreateBrowserClient();
        var demos = Masthead.Newsroom.DemoNewsroom.Articles;

        var front = await own.GetPageAsync(reader, "/");
        Assert.Equal(demos.Count(a => a.Edition is null), front.QuerySelectorAll(".article-list > li").Length);
        var russianFront = await own.GetPageAsync(reader, "/ru/");
        Assert.Equal("ru", russianFront.DocumentElement.GetAttribute("lang"));
        Assert.Equal(demos.Count(a => a.Edition == "ru"), russianFront.QuerySelectorAll(".article-list > li").Length);
        Assert.True(demos.Count(a => a.TranslationOf is not null) >= 2);

        var translation = demos.First(a => a.TranslationOf is not null);
        var page = await own.GetPageAsync(reader, $"/ru/articles/{Slugs.From(translation.Headline)}");
        Assert.Equal(translation.Headline, page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Read in English", page.QuerySelector(".translations a")!.TextContent);
        Assert.EndsWith($"/articles/{Slugs.From(translation.TranslationOf!)}", page.QuerySelector(".translations a")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains("Постоянное", await own.WithDbAsync(db => db.Appeals.Where(a => a.Edition == "ru" && a.IsActive).Select(a => a.Name).SingleAsync()), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".appeal"));
    }

    [Fact]
    public async Task Robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin()
    {
        using var reader = factory.CreateBrowserClient();
        var robots = await reader.GetStringAsync(new Uri("/robots.txt", UriKind.Relative));
        Assert.Contains("Disallow: /admin/", robots);
        Assert.Contains("Sitemap: https://localhost/sitemap.xml", robots);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReaderPagesTestsOnSqlite(SqliteFactory factory) : ReaderPagesTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ReaderPagesTestsOnPostgres(PostgresFactory factory) : ReaderPagesTests(factory);
