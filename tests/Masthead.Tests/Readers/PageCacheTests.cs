using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Masthead.Appeals;
using Masthead.Articles;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Readers;

/// <summary>
/// Public pages are kept rendered and compressed, and dropped the moment what they show changes. "Kept" is seen by
/// changing the database behind the app's back: a kept page still shows the old text until something evicts it.
/// </summary>
public abstract class PageCacheTests(MastheadFactory factory) : IAsyncLifetime
{
    private MastheadFactory _own = null!;
    private HttpClient _editor = null!;
    private int _author;

    public async Task InitializeAsync()
    {
        _own = factory.Fresh();
        _author = await EditorDesk.AddAuthorAsync(_own);
        _editor = await _own.SignedInAdminAsync();
    }

    public async Task DisposeAsync()
    {
        _editor.Dispose();
        await _own.DisposeAsync();
    }

    private async Task<(int Id, string Slug)> PublishAsync(string headline, string tags = "Politics")
    {
        var id = await EditorDesk.SubmitOkAsync(_editor, null, new ArticleInput(headline, [_author], Tags: tags), "Publish");
        return (id, Slugs.From(headline));
    }

    /// <summary>Changes the headline in the database only, as if another node wrote it: no eviction happens here.</summary>
    private Task<int> RewriteBehindTheCacheAsync(int id, string headline) =>
        _own.WithDbAsync(db => db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(a => a.SetProperty(x => x.Headline, headline)));

    private static async Task<string> GetTextAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task An_article_is_rendered_once_and_an_edit_evicts_it_and_every_list_that_shows_it()
    {
        var (id, slug) = await PublishAsync("Flood barriers hold");
        using var reader = _own.CreateClient();
        string[] pages = [$"/articles/{slug}", "/", "/tags/politics", "/feed.xml", "/atom.xml", "/api/articles", $"/api/articles/{slug}"];
        foreach (var page in pages)
        {
            Assert.Contains("Flood barriers hold", await GetTextAsync(reader, page));
        }

        await RewriteBehindTheCacheAsync(id, "Changed behind the cache");
        foreach (var page in pages)
        {
            Assert.Contains("Flood barriers hold", await GetTextAsync(reader, page));
        }

        await EditorDesk.SubmitOkAsync(_editor, id, new ArticleInput("Flood barriers held overnight", [_author], Slug: slug, Tags: "Politics"), "Save");
        foreach (var page in pages)
        {
            var text = await GetTextAsync(reader, page);
            Assert.True(text.Contains("Flood barriers held overnight", StringComparison.Ordinal), $"{page} still shows the old headline");
        }
    }

    [Fact]
    public async Task Publishing_a_new_article_puts_it_on_the_kept_front_page_and_unpublishing_answers_410_at_once()
    {
        await PublishAsync("First story of the day");
        using var reader = _own.CreateClient();
        Assert.DoesNotContain("Second story", await GetTextAsync(reader, "/"), StringComparison.Ordinal);

        var (id, slug) = await PublishAsync("Second story of the day");
        Assert.Contains("Second story of the day", await GetTextAsync(reader, "/"), StringComparison.Ordinal);
        Assert.Contains("Second story of the day", await GetTextAsync(reader, $"/articles/{slug}"), StringComparison.Ordinal);

        await EditorDesk.SubmitOkAsync(_editor, id, new ArticleInput("Second story of the day", [_author], Slug: slug), "Unpublish");
        using var gone = await reader.GetAsync(new Uri($"/articles/{slug}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.DoesNotContain("Second story", await GetTextAsync(reader, "/"), StringComparison.Ordinal);
        Assert.DoesNotContain("Second story", await GetTextAsync(reader, "/feed.xml"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scheduled_article_reaches_the_kept_front_page_when_its_time_comes()
    {
        using var reader = _own.CreateClient();
        await PublishAsync("Morning briefing");
        var at = _own.Clock.GetUtcNow().AddHours(2);
        await EditorDesk.SubmitOkAsync(_editor, null, new ArticleInput("Embargoed budget", [_author], PublishAt: EditorDesk.LocalTime(at)), "Schedule");
        Assert.DoesNotContain("Embargoed budget", await GetTextAsync(reader, "/"), StringComparison.Ordinal);
        Assert.DoesNotContain("Embargoed budget", await GetTextAsync(reader, "/feed.xml"), StringComparison.Ordinal);

        _own.Clock.Advance(TimeSpan.FromHours(2));
        await _own.Services.GetRequiredService<ScheduledPublishing>().RunOnceAsync(CancellationToken.None);

        Assert.Contains("Embargoed budget", await GetTextAsync(reader, "/"), StringComparison.Ordinal);
        Assert.Contains("Embargoed budget", await GetTextAsync(reader, "/feed.xml"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_snoozed_reader_and_a_new_reader_each_get_their_own_variant_of_a_kept_article()
    {
        await _own.WithDbAsync(db =>
        {
            db.Appeals.Add(new Appeal { Name = "Test appeal", Edition = "en", BodyMarkdown = "Support us.", BodyHtml = "<p>Support us.</p>", IsActive = true, UpdatedAt = _own.Clock.GetUtcNow() });
            return db.SaveChangesAsync();
        });
        var (_, slug) = await PublishAsync("Two variants only");
        using var newcomer = _own.CreateClient();
        using var snoozed = _own.CreateClient();
        snoozed.DefaultRequestHeaders.Add("Cookie", $"{AppealVisibility.SnoozeCookie}={_own.Clock.GetUtcNow().AddDays(7).ToUnixTimeSeconds()}");

        for (var round = 0; round < 2; round++)
        {
            using var shown = await newcomer.GetAsync(new Uri($"/articles/{slug}", UriKind.Relative));
            Assert.Contains("id=\"appeal\"", await shown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.StartsWith("public", shown.Headers.CacheControl!.ToString(), StringComparison.Ordinal);

            using var hidden = await snoozed.GetAsync(new Uri($"/articles/{slug}", UriKind.Relative));
            Assert.DoesNotContain("id=\"appeal\"", await hidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.True(hidden.Headers.CacheControl!.Private, "The hidden variant depends on the reader's cookie: no shared cache may keep it.");
        }
    }

    [Fact]
    public async Task A_matching_etag_gets_304_without_a_body_and_a_changed_page_a_new_etag()
    {
        var (id, slug) = await PublishAsync("Tagged by its bytes");
        using var reader = _own.CreateClient();
        using var first = await reader.GetAsync(new Uri($"/articles/{slug}", UriKind.Relative));
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);
        Assert.Contains("s-maxage=", first.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("stale-while-revalidate=", first.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("stale-if-error=", first.Headers.CacheControl!.ToString(), StringComparison.Ordinal);

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/articles/{slug}");
        again.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await reader.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, notModified.Headers.ETag);

        await EditorDesk.SubmitOkAsync(_editor, id, new ArticleInput("Tagged by its bytes", [_author], Body: "A correction was added.", Slug: slug), "Save");
        using var stale = new HttpRequestMessage(HttpMethod.Get, $"/articles/{slug}");
        stale.Headers.IfNoneMatch.Add(etag);
        using var changed = await reader.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Contains("A correction was added.", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Brotli_and_gzip_bodies_decompress_to_exactly_the_plain_page()
    {
        var (_, slug) = await PublishAsync("Compressed once");
        using var reader = _own.CreateClient();
        var plain = await reader.GetByteArrayAsync(new Uri($"/articles/{slug}", UriKind.Relative));

        foreach (var (accept, encoding) in new[] { ("gzip, deflate, br", "br"), ("gzip", "gzip"), ("br;q=0, gzip", "gzip"), ("identity", null) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/articles/{slug}");
            request.Headers.TryAddWithoutValidation("Accept-Encoding", accept);
            using var response = await reader.SendAsync(request);
            Assert.Equal(encoding, response.Content.Headers.ContentEncoding.SingleOrDefault());
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            var body = await response.Content.ReadAsStreamAsync();
            using Stream decoded = encoding switch
            {
                "br" => new BrotliStream(body, CompressionMode.Decompress),
                "gzip" => new GZipStream(body, CompressionMode.Decompress),
                _ => body,
            };
            using var copy = new MemoryStream();
            await decoded.CopyToAsync(copy);
            Assert.Equal(plain, copy.ToArray());
            if (encoding is not null)
            {
                Assert.True(response.Content.Headers.ContentLength < plain.Length / 2, $"{encoding} is {response.Content.Headers.ContentLength} bytes of {plain.Length}");
            }
        }
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/signin")]
    [InlineData("/support")]
    [InlineData("/support/manage")]
    [InlineData("/support/restore")]
    [InlineData("/support/link/0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("/sandbox/checkout/cs_sandbox_nothing")]
    [InlineData("/admin/supporters?handler=Csv")]
    [InlineData("/admin/contributions?handler=Csv")]
    [InlineData("/no-such-page")]
    public async Task Personal_pages_and_errors_are_never_kept_by_anyone(string url)
    {
        using var client = url.StartsWith("/admin", StringComparison.Ordinal) && url != "/admin/signin" ? _editor : _own.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var cacheControl = response.Headers.CacheControl;
        Assert.True(cacheControl is { NoStore: true, Public: false }, $"{url} answered {(int)response.StatusCode} with Cache-Control: {cacheControl}");
        Assert.Null(response.Headers.ETag);
    }

    [Fact]
    public async Task With_the_cache_switched_off_every_request_is_rendered_from_the_database()
    {
        await using var uncached = factory.Fresh();
        uncached.Settings["Masthead:Cache:Enabled"] = "false";
        var author = await EditorDesk.AddAuthorAsync(uncached);
        using var editor = await uncached.SignedInAdminAsync();
        var id = await EditorDesk.SubmitOkAsync(editor, null, new ArticleInput("Rendered every time", [author]), "Publish");
        using var reader = uncached.CreateClient();
        Assert.Contains("Rendered every time", await GetTextAsync(reader, "/articles/rendered-every-time"), StringComparison.Ordinal);

        await uncached.WithDbAsync(db => db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(a => a.SetProperty(x => x.Headline, "Straight from the database")));
        using var response = await reader.GetAsync(new Uri("/articles/rendered-every-time", UriKind.Relative));
        Assert.Contains("Straight from the database", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(response.Headers.ETag);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PageCacheTestsOnSqlite(SqliteFactory factory) : PageCacheTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PageCacheTestsOnPostgres(PostgresFactory factory) : PageCacheTests(factory);
