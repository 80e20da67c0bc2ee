using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Masthead.Articles;
using Masthead.Search;
using Masthead.Staff;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Readers;

public abstract class SearchTests(MastheadFactory factory)
{
    public static TheoryData<string> HostileQueries => new()
    {
        "\"", "\"unterminated phrase", "*", "sanct*", "()", "(a OR b", "col:umn", "^start", "-minus", "NEAR(a b, 2)", "a AND OR NOT b",
        "'; DROP TABLE \"Articles\"; --", "the of and", "и в не", "", "   ", "\u0301", "😀😀", "Sanctions санкции الكتاب 中文 ǅ",
        new string('x', 10_000), string.Join(' ', Enumerable.Range(0, 2_000).Select(i => $"w{i}")), "%", "&q=1", "<script>alert(1)</script>",
    };

    [Fact]
    public async Task Words_are_found_in_their_other_forms_in_english_russian_and_arabic()
    {
        var marker = "mk" + EditorDesk.Unique();
        var author = await EditorDesk.AddAuthorAsync(factory);
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        await Publish(editor, author, $"Steel under pressure {marker}", $"New sanctions were announced on Monday. {marker}");
        await Publish(editor, author, $"Новости экономики {marker}", $"Совет обсудил удар санкциями по банкам. {marker}");
        await Publish(editor, author, $"معرض {marker}", $"افتتح معرض والكتاب في المدينة {marker}");
        using var reader = factory.CreateBrowserClient();

        Assert.Equal([$"Steel under pressure {marker}"], await HeadlinesFoundAsync(reader, $"sanction {marker}"));
        Assert.Equal([$"Новости экономики {marker}"], await HeadlinesFoundAsync(reader, $"санкции {marker}"));
        Assert.Equal([$"Новости экономики {marker}"], await HeadlinesFoundAsync(reader, $"санкций {marker}"));
        Assert.Equal([$"معرض {marker}"], await HeadlinesFoundAsync(reader, $"كتاب {marker}"));

        var page = await factory.GetPageAsync(reader, "/search?q=" + Uri.EscapeDataString($"санкции {marker}"));
        Assert.Contains("<mark>санкциями</mark>", page.QuerySelector(".search-results .snippet")!.InnerHtml);
        Assert.Equal("noindex", page.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
    }

    [Fact]
    public async Task More_matches_rank_first_then_newer_first()
    {
        await using var own = factory.Fresh();
        var author = await EditorDesk.AddAuthorAsync(own);
        using var editor = await own.SignedInAdminAsync();
        await Publish(editor, author, "Harbour report one", "harbour harbour harbour tide");
        own.Clock.Advance(TimeSpan.FromMinutes(1));
        await Publish(editor, author, "Harbour report two", "harbour tide tide tide");
        own.Clock.Advance(TimeSpan.FromMinutes(1));
        await Publish(editor, author, "Harbour report six", "harbour tide tide tide");
        own.Clock.Advance(TimeSpan.FromMinutes(1));
        await Publish(editor, author, "Tide tables", "tide tide tide tide");
        using var reader = own.CreateBrowserClient();

        Assert.Equal(["Harbour report one", "Harbour report six", "Harbour report two"], await HeadlinesFoundAsync(reader, "harbours", own));
    }

    [Fact]
    public async Task Only_what_readers_can_see_is_found_and_a_scheduled_article_once_its_time_has_come()
    {
        await using var own = factory.Fresh();
        var author = await EditorDesk.AddAuthorAsync(own);
        using var editor = await own.SignedInAdminAsync();
        await Publish(editor, author, "Lighthouse published", "The lighthouse keeper spoke.");
        await Publish(editor, author, "Lighthouse draft", "The lighthouse keeper spoke.", intent: "Save");
        var withdrawn = await Publish(editor, author, "Lighthouse withdrawn", "The lighthouse keeper spoke.");
        await EditorDesk.SubmitOkAsync(editor, withdrawn, new ArticleInput("Lighthouse withdrawn", [author], "The lighthouse keeper spoke."), "Unpublish");
        await EditorDesk.SubmitOkAsync(editor, null,
            new ArticleInput("Lighthouse embargoed", [author], "The lighthouse keeper spoke.", PublishAt: EditorDesk.LocalTime(own.Clock.GetUtcNow().AddHours(2))), "Schedule");
        using var reader = own.CreateBrowserClient();

        Assert.Equal(["Lighthouse published"], await HeadlinesFoundAsync(reader, "lighthouse keeper", own));

        own.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(["Lighthouse embargoed", "Lighthouse published"], await HeadlinesFoundAsync(reader, "lighthouse keeper", own));
    }

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public async Task A_hostile_query_answers_a_normal_search_page(string query)
    {
        using var reader = factory.CreateBrowserClient();

        using var response = await reader.GetAsync(new Uri("/search?q=" + Uri.EscapeDataString(query), UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Search", page.QuerySelector("main h1")!.TextContent);
        Assert.NotNull(page.QuerySelector("main form[role=search] input[name=q]"));
        if (query.Length > SearchQuery.MaxLength)
        {
            Assert.Contains($"Only the first {SearchQuery.MaxLength} characters were searched.", page.QuerySelector("main")!.TextContent);
        }

        using var api = await reader.GetAsync(new Uri("/api/articles?q=" + Uri.EscapeDataString(query), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task Only_common_words_or_no_words_get_a_page_that_says_so()
    {
        using var reader = factory.CreateBrowserClient();
        var common = await factory.GetPageAsync(reader, "/search?q=the+of+and");
        Assert.Contains("only very common words", common.QuerySelector("main .empty")!.TextContent);
        var empty = await factory.GetPageAsync(reader, "/search");
        Assert.Contains("Type a word or two", empty.QuerySelector("main .empty")!.TextContent);
        var symbols = await factory.GetPageAsync(reader, "/search?q=%22*()");
        Assert.Contains("no words to search for", symbols.QuerySelector("main .empty")!.TextContent);
    }

    [Fact]
    public async Task Searches_are_limited_per_client_address_with_a_429_page_that_keeps_the_search_box()
    {
        await using var own = factory.Fresh();
        own.Settings["Masthead:Search:PerAddress:Permits"] = "3";
        using var reader = TestClientAddresses.From(own.CreateBrowserClient(), "10.20.30.40");
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await reader.GetAsync(new Uri($"/search?q=budget{i}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await reader.GetAsync(new Uri("/search?q=budget", UriKind.Relative));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter!.Delta > TimeSpan.Zero);
        var page = await Html.ParseAsync(refused);
        Assert.Contains("You have searched very often", page.QuerySelector("main [role=alert]")!.TextContent);
        Assert.Equal("budget", page.QuerySelector("main input[name=q]")!.GetAttribute("value"));

        using var api = await reader.GetAsync(new Uri("/api/articles?q=budget", UriKind.Relative));
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);

        using var nothingToSearch = await reader.GetAsync(new Uri("/search?q=the", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, nothingToSearch.StatusCode);
        using var neighbour = TestClientAddresses.From(own.CreateBrowserClient(), "10.20.30.41");
        using var theirs = await neighbour.GetAsync(new Uri("/search?q=budget", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
    }

    [Fact]
    public async Task The_content_api_answers_q_with_the_same_ranked_results_and_never_caches_them()
    {
        var marker = "mk" + EditorDesk.Unique();
        var author = await EditorDesk.AddAuthorAsync(factory);
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        await Publish(editor, author, $"Ferry timetable {marker}", $"The ferry leaves at noon. {marker}");
        await Publish(editor, author, $"Ferry strike {marker}", $"Ferries stopped; the ferry union met. {marker}");
        using var client = factory.CreateBrowserClient();

        using var response = await client.GetAsync(new Uri($"/api/articles?q=ferry+{marker}&pageSize=5", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([$"Ferry strike {marker}", $"Ferry timetable {marker}"], items.Select(i => i.GetProperty("headline").GetString()));
        Assert.Equal(await HeadlinesFoundAsync(client, $"ferry {marker}"), items.Select(i => i.GetProperty("headline").GetString()!));
        Assert.Contains("<mark>Ferries</mark>", items[0].GetProperty("snippet").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("total").GetInt32());
        Assert.Equal($"ferry {marker}", json.RootElement.GetProperty("query").GetString());

        using var unknown = await client.GetAsync(new Uri("/api/articles?q=ferry&sort=date", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task The_index_follows_an_edit()
    {
        var marker = "mk" + EditorDesk.Unique();
        var author = await EditorDesk.AddAuthorAsync(factory);
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var id = await Publish(editor, author, $"Arctic notes {marker}", "The walrus rested on the ice.");
        using var reader = factory.CreateBrowserClient();
        Assert.Equal([$"Arctic notes {marker}"], await HeadlinesFoundAsync(reader, $"walrus {marker}"));

        await EditorDesk.SubmitOkAsync(editor, id, new ArticleInput($"Arctic notes {marker}", [author], "The narwhal rested on the ice."));

        Assert.Empty(await HeadlinesFoundAsync(reader, $"walrus {marker}"));
        Assert.Equal([$"Arctic notes {marker}"], await HeadlinesFoundAsync(reader, $"narwhals {marker}"));
    }

    [Fact]
    public async Task The_catch_up_job_indexes_articles_without_an_entry_or_with_an_older_one()
    {
        await using var own = factory.Fresh();
        using var reader = own.CreateBrowserClient();

        // The job's own run at start is over, and its clock does not move: only this test runs it from here.
        await FirstCatchUpAsync(own);
        var id = await own.WithDbAsync(async db =>
        {
            var article = new Article
            {
                Slug = "imported-glacier", Headline = "Imported glacier report", BodyMarkdown = "The glacier retreated.", Status = ArticleStatus.Published, Edition = "en",
                PublishAt = own.Clock.GetUtcNow(), CreatedAt = own.Clock.GetUtcNow(), UpdatedAt = own.Clock.GetUtcNow(), Version = 1,
                CreatedById = await db.Staff.Select(s => s.Id).FirstAsync(),
            };
            db.Articles.Add(article);
            await db.SaveChangesAsync();
            return article.Id;
        });
        Assert.Empty(await HeadlinesFoundAsync(reader, "glacier", own));

        Assert.Equal(1, await CatchUpAsync(own));
        Assert.Equal(["Imported glacier report"], await HeadlinesFoundAsync(reader, "glaciers", own));

        await own.WithDbAsync(db => db.Articles.Where(a => a.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.BodyMarkdown, "The iceberg calved.").SetProperty(a => a.Version, 2)));
        Assert.Equal(1, await CatchUpAsync(own));
        Assert.Equal(0, await CatchUpAsync(own));
        Assert.Empty(await HeadlinesFoundAsync(reader, "retreated", own));
        Assert.Equal(["Imported glacier report"], await HeadlinesFoundAsync(reader, "iceberg", own));
    }

    [Fact]
    public async Task Each_edition_searches_its_own_articles_and_speaks_its_language()
    {
        await using var own = factory.Fresh();
        own.Settings["Masthead:Newsroom:Editions:ru:Prefix"] = "/ru";
        var author = await EditorDesk.AddAuthorAsync(own);
        using var editor = await own.SignedInAdminAsync();
        await EditorDesk.SubmitOkAsync(editor, null, new ArticleInput("Harbour strike", [author], "The harbour workers struck."), "Publish");
        foreach (var (headline, slug) in new[] { ("Забастовка в порту", "port-strike"), ("Порт снова работает", "port-open"), ("Забастовки в портах", "ports-strikes") })
        {
            await EditorDesk.SubmitOkAsync(editor, null, new ArticleInput(headline, [author], "Рабочие порта бастуют, harbour.", Slug: slug), "Publish",
                extra: [new("Form.Edition", "ru")]);
        }

        using var reader = own.CreateBrowserClient();
        Assert.Equal(["Harbour strike"], await HeadlinesFoundAsync(reader, "harbour", own));
        Assert.Empty(await HeadlinesFoundAsync(reader, "порт", own));

        var russian = await own.GetPageAsync(reader, "/ru/search?q=" + Uri.EscapeDataString("забастовка"));
        Assert.Equal("ru", russian.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Поиск", russian.QuerySelector("h1")!.TextContent);
        Assert.Equal("Найти", russian.QuerySelector(".search-form button")!.TextContent);
        Assert.Equal("По запросу «забастовка» найдены 2 статьи.", russian.QuerySelector(".search-count")!.TextContent);
        Assert.All(russian.QuerySelectorAll(".search-results h2 a"), a => Assert.StartsWith("/ru/", a.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Equal(["Harbour strike"], await HeadlinesFoundAsync(reader, "harbour", own));
        Assert.Equal(3, (await HeadlinesFoundAsync(reader, "harbour", own, "/ru")).Count);

        var none = await own.GetPageAsync(reader, "/ru/search?q=" + Uri.EscapeDataString("маяк"));
        Assert.Equal("По запросу «маяк» статей не найдено. Попробуйте меньше слов или другие.", none.QuerySelector(".empty")!.TextContent);

        using var api = await reader.GetAsync("/ru/api/articles?q=" + Uri.EscapeDataString("порт"));
        using var json = JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        Assert.Equal(3, json.RootElement.GetProperty("total").GetInt32());
        Assert.All(json.RootElement.GetProperty("items").EnumerateArray(), item => Assert.Contains("/ru/", item.GetProperty("url").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_article_withdrawn_behind_the_indexs_back_is_never_shown_and_the_catch_up_job_mends_the_entry()
    {
        await using var own = factory.Fresh();
        var author = await EditorDesk.AddAuthorAsync(own);
        using var editor = await own.SignedInAdminAsync();
        await Publish(editor, author, "Orchard kept", "The orchard bloomed.");
        var withdrawn = await Publish(editor, author, "Orchard withdrawn", "The orchard bloomed.");
        await FirstCatchUpAsync(own);
        using var reader = own.CreateBrowserClient();
        Assert.Equal(2, (await HeadlinesFoundAsync(reader, "orchard", own)).Count);

        // As a restore or a hand-made fix would: the article changes, its version and search entry do not.
        await own.WithDbAsync(db => db.Articles.Where(a => a.Id == withdrawn).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ArticleStatus.Unpublished)));
        Assert.Equal(["Orchard kept"], await HeadlinesFoundAsync(reader, "orchard", own));

        Assert.Equal(1, await CatchUpAsync(own));
        Assert.Equal(0, await CatchUpAsync(own));
        var entry = await own.WithDbAsync(db => db.SearchEntries.AsNoTracking().SingleAsync(e => e.ArticleId == withdrawn));
        Assert.Equal(ArticleStatus.Unpublished, entry.Status);
        var page = await own.GetPageAsync(reader, "/search?q=orchard");
        Assert.Equal("One article matches “orchard”.", page.QuerySelector(".search-count")!.TextContent);
    }

    [Fact]
    public async Task A_word_in_more_articles_than_are_ranked_is_answered_newest_first_and_says_so()
    {
        await using var own = factory.Fresh();
        await own.WithDbAsync(async db =>
        {
            var staff = await db.Staff.Select(s => s.Id).FirstAsync();
            var now = own.Clock.GetUtcNow();
            var articles = Enumerable.Range(0, ArticleSearch.RankedMatches + 5).Select(i => new Article
            {
                Slug = $"quarry-{i}", Headline = $"Quarry report {i}", Edition = "en", Status = ArticleStatus.Published,
                BodyMarkdown = i % 3 == 0 ? "The quarry, the quarry, the quarry." : "The quarry closed.", PublishAt = now.AddMinutes(-i),
                CreatedAt = now, UpdatedAt = now, CreatedById = staff,
            }).ToList();
            db.Articles.AddRange(articles);
            await db.SaveChangesAsync();
            db.SearchEntries.AddRange(articles.Select(SearchIndex.EntryOf));
            await db.SaveChangesAsync();
        });
        using var reader = own.CreateBrowserClient();

        var page = await own.GetPageAsync(reader, "/search?q=quarry");
        Assert.Equal("More than 2,000 articles match “quarry”; the newest come first.", page.QuerySelector(".search-count")!.TextContent);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"Quarry report {i}"), page.QuerySelectorAll(".search-results h2 a").Select(a => a.TextContent));
        var next = await own.GetPageAsync(reader, "/search?q=quarry&page=2");
        Assert.Equal("Quarry report 10", next.QuerySelector(".search-results h2 a")!.TextContent);

        using var api = await reader.GetAsync("/api/articles?q=quarry&pageSize=3");
        using var json = JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("newestFirst").GetBoolean());
        Assert.Equal(ArticleSearch.RankedMatches + 1, json.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(["Quarry report 0", "Quarry report 1", "Quarry report 2"], json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("headline").GetString()));

        // A deeper page is read another way (the matches listed first), in the same order.
        using var deep = await reader.GetAsync("/api/articles?q=quarry&pageSize=50&page=5");
        using var deepJson = JsonDocument.Parse(await deep.Content.ReadAsStringAsync());
        Assert.Equal(Enumerable.Range(200, 50).Select(i => $"Quarry report {i}"), deepJson.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("headline").GetString()));
    }

    [Fact]
    public async Task The_demo_newsroom_is_searchable_on_first_run()
    {
        await using var own = factory.Fresh();
        own.Settings["Masthead:Newsroom:SeedDemo"] = "true";
        using var reader = own.CreateBrowserClient();
        await FirstCatchUpAsync(own);

        // Each in its own edition's search: the Russian articles at /ru/search.
        foreach (var demo in Masthead.Newsroom.DemoNewsroom.Articles)
        {
            Assert.Contains(demo.Headline, await HeadlinesFoundAsync(reader, demo.Headline, own, demo.Edition is { } edition ? $"/{edition}" : ""));
        }
    }

    [Fact]
    public async Task The_layout_has_a_labelled_search_box_that_works_without_script()
    {
        using var reader = factory.CreateBrowserClient();
        var front = await factory.GetPageAsync(reader, "/");

        var form = (IHtmlFormElement)front.QuerySelector("header form[role=search]")!;
        Assert.Equal("/search", form.GetAttribute("action"));
        Assert.Equal("get", form.Method);
        var input = form.QuerySelector("input[name=q]")!;
        Assert.Equal("Search", front.QuerySelector($"label[for='{input.Id}']")!.TextContent);
        Assert.NotNull(form.QuerySelector("button[type=submit]"));
    }

    /// <summary>Waits (up to 10 s) for the catch-up job's run at start to finish, as it does on its own after a start.</summary>
    private static async Task FirstCatchUpAsync(MastheadFactory own)
    {
        var jobs = own.Services.GetRequiredService<Masthead.Jobs.JobHost>();
        for (var waited = 0; waited < 200 && jobs.State(SearchCatchUp.Name) is not { Runs: > 0, Waiting: true }; waited++)
        {
            await Task.Delay(50);
        }
    }

    private static async Task<int> CatchUpAsync(MastheadFactory own)
    {
        await using var scope = own.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SearchCatchUp>().RunOnceAsync(CancellationToken.None);
    }

    private static Task<int> Publish(HttpClient editor, int author, string headline, string body, string intent = "Publish") =>
        EditorDesk.SubmitOkAsync(editor, null, new ArticleInput(headline, [author], body), intent);

    private async Task<List<string>> HeadlinesFoundAsync(HttpClient reader, string query, MastheadFactory? on = null, string edition = "")
    {
        var page = await (on ?? factory).GetPageAsync(reader, edition + "/search?q=" + Uri.EscapeDataString(query));
        return page.QuerySelectorAll(".search-results h2 a").Select(a => a.TextContent).ToList();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SearchTestsOnSqlite(SqliteFactory factory) : SearchTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class SearchTestsOnPostgres(PostgresFactory factory) : SearchTests(factory);
