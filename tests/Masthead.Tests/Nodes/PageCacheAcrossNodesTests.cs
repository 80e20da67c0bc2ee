using System.Diagnostics;
using System.Net;
using Masthead.Articles;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;
using Masthead.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Nodes;

/// <summary>
/// Two app nodes on one PostgreSQL database, each with its own page cache: what an editor changes on one, a reader of
/// the other sees. Node B's clock stands still unless a test moves it, so its poll runs only when a test says so, and
/// what B shows before that it heard by notification.
/// </summary>
// In the PostgreSQL collection: one after another with the other PostgreSQL tests, whose real processes they would otherwise starve.
[Collection(PostgresCollection.Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit calls DisposeAsync, which disposes both nodes.")]
public sealed class PageCacheAcrossNodesTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private PostgresFactory _a = null!;
    private MastheadFactory _b = null!;
    private HttpClient _editor = null!;
    private HttpClient _reader = null!;
    private int _author;

    public async Task InitializeAsync()
    {
        _a = new PostgresFactory();
        _author = await EditorDesk.AddAuthorAsync(_a);
        _editor = await _a.SignedInAdminAsync();

        // The same database (and data directory), a second app: a second node.
        _b = _a.Restarted();
        _reader = _b.CreateClient();
        await EventuallyAsync(() => Task.FromResult(Nodes(_b).Listening), "node B never listened");
    }

    public async Task DisposeAsync()
    {
        _reader.Dispose();
        _editor.Dispose();
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task An_edit_and_an_unpublish_on_one_node_are_served_by_the_other()
    {
        var (id, slug) = await PublishAsync("Ferry service resumes");
        Assert.Contains("Ferry service resumes", await TextAsync($"/articles/{slug}"), StringComparison.Ordinal);
        Assert.Contains("Ferry service resumes", await TextAsync("/"), StringComparison.Ordinal);

        await EditorDesk.SubmitOkAsync(_editor, id, new ArticleInput("Ferry service resumes at dawn", [_author], Slug: slug), "Save");
        await EventuallyAsync(async () => (await TextAsync($"/articles/{slug}")).Contains("resumes at dawn", StringComparison.Ordinal), "B kept the old article");
        await EventuallyAsync(async () => (await TextAsync("/")).Contains("resumes at dawn", StringComparison.Ordinal), "B kept the old front page");

        await EditorDesk.SubmitOkAsync(_editor, id, new ArticleInput("Ferry service resumes at dawn", [_author], Slug: slug), "Unpublish");
        await EventuallyAsync(async () => await StatusAsync($"/articles/{slug}") == HttpStatusCode.Gone, "B still serves the unpublished article");
        await EventuallyAsync(async () => !(await TextAsync("/")).Contains("resumes at dawn", StringComparison.Ordinal), "B's front page still lists it");
    }

    [Fact]
    public async Task A_change_whose_notification_was_lost_is_served_after_the_other_nodes_next_poll()
    {
        var (id, slug) = await PublishAsync("Harbour dredging begins");
        Assert.Contains("Harbour dredging begins", await TextAsync($"/articles/{slug}"), StringComparison.Ordinal);

        // A change committed with its count but whose notification never reached B.
        await _a.WithDbAsync(async db =>
        {
            await db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(a => a.SetProperty(x => x.Headline, "Harbour dredging delayed"));
            await db.Database.ExecuteSqlRawAsync("""UPDATE "CacheGenerations" SET "Value" = "Value" + 1""");
        });
        Assert.Contains("Harbour dredging begins", await TextAsync($"/articles/{slug}"), StringComparison.Ordinal);

        _b.Clock.Advance(PageCacheNodes.PollInterval);
        await EventuallyAsync(async () => (await TextAsync($"/articles/{slug}")).Contains("dredging delayed", StringComparison.Ordinal), "B's poll did not evict the page");
    }

    [Fact]
    public async Task A_node_whose_listener_was_cut_off_evicts_every_page_when_it_listens_again()
    {
        var (id, slug) = await PublishAsync("Bridge tolls rise");
        Assert.Contains("Bridge tolls rise", await TextAsync($"/articles/{slug}"), StringComparison.Ordinal);

        await _a.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'masthead-cache-listener' AND datname = current_database()"));
        await EventuallyAsync(() => Task.FromResult(!Nodes(_b).Listening), "B did not notice its listener was cut off");

        // Changed while nobody listened, with no count and no notification at all: only starting afresh covers it.
        await _a.WithDbAsync(db => db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(a => a.SetProperty(x => x.Headline, "Bridge tolls frozen")));
        Assert.Contains("Bridge tolls rise", await TextAsync($"/articles/{slug}"), StringComparison.Ordinal);

        await EventuallyAsync(() =>
        {
            // Its back-off waits on its clock: move it until it has listened again.
            _b.Clock.Advance(TimeSpan.FromSeconds(1));
            return Task.FromResult(Nodes(_b).Listening);
        }, "B did not listen again");
        Assert.Contains("Bridge tolls frozen", await TextAsync($"/articles/{slug}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_hearing_of_its_own_eviction_keeps_the_pages_it_rendered_since_and_one_from_another_node_drops_them()
    {
        var (id, slug) = await PublishAsync("Night buses return");
        var published = await _a.WithDbAsync(db => db.CacheGenerations.Select(g => g.Value).SingleAsync());
        await EventuallyAsync(() => Task.FromResult(Nodes(_b).Heard >= published), "B never heard of the publication");
        Assert.Contains("Night buses return", await TextAsync($"/articles/{slug}"), StringComparison.Ordinal);
        var cache = _b.Services.GetRequiredService<PageCache>();
        var kept = cache.Count;

        // B's own notification of an eviction it already made here, arriving after B rendered the page again.
        await NotifyAsync(cache.Node, ArticleCacheTags.Article(id));
        Assert.Equal(kept, cache.Count);

        await NotifyAsync("@another0node", ArticleCacheTags.Article(id));
        Assert.Equal(kept - 1, cache.Count);
    }

    /// <summary>Counts one eviction and sends its notification as node <paramref name="node"/> would, then waits until B heard it.</summary>
    private async Task NotifyAsync(string node, string tag)
    {
        var generation = await _a.WithDbAsync(async db =>
        {
            var next = await db.CacheGenerations.Select(g => g.Value).SingleAsync() + 1;
            await db.Database.ExecuteSqlRawAsync("""UPDATE "CacheGenerations" SET "Value" = {0}""", next);
            await db.Database.ExecuteSqlRawAsync("SELECT pg_notify({0}, {1})", PageCacheNodes.Channel, $"{next} {node} {tag}");
            return next;
        });
        await EventuallyAsync(() => Task.FromResult(Nodes(_b).Heard >= generation), "B never heard the notification");
    }

    private static PageCacheNodes Nodes(MastheadFactory node) => node.Services.GetRequiredService<PageCacheNodes>();

    private async Task<(int Id, string Slug)> PublishAsync(string headline)
    {
        var id = await EditorDesk.SubmitOkAsync(_editor, null, new ArticleInput(headline, [_author], Tags: "Harbour"), "Publish");
        return (id, Slugs.From(headline));
    }

    private async Task<string> TextAsync(string url)
    {
        using var response = await _reader.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<HttpStatusCode> StatusAsync(string url)
    {
        using var response = await _reader.GetAsync(new Uri(url, UriKind.Relative));
        return response.StatusCode;
    }

    /// <summary>Asks again every 50 ms until <paramref name="condition"/> holds, failing after <see cref="Bound"/>: a notification takes a moment to arrive.</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> condition, string failure)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < Bound, $"{failure} within {Bound.TotalSeconds} s.");
            await Task.Delay(50);
        }
    }
}
