using System.Net;
using Masthead.Articles;
using Masthead.Import;
using Masthead.Redirects;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;
using Masthead.Tests.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Import;

/// <summary>
/// An export written into the newsroom and read back over HTTP: articles, pages, bylines, topics and old addresses;
/// run twice, tried first, cut short, refused. Each test's post ids and slugs are its own (the database is shared).
/// </summary>
public abstract class ContentImportTests(MastheadFactory factory) : IDisposable
{
    private readonly ImportFiles files = new();
    private readonly string unique = EditorDesk.Unique();

    public void Dispose()
    {
        files.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_wordpress_export_becomes_articles_pages_bylines_topics_and_redirects_that_answer_over_http()
    {
        var id = ImportExports.Id(unique, 1);
        var xml = ImportExports.Wxr(unique, 
            ImportExports.Post(unique, id, $"budget-{unique}", "Council passes the budget", terms: ImportExports.Term("category", $"city-{unique}", "City") + ImportExports.Term("post_tag", $"money-{unique}", "Money"),
                content: "The council met.\n\nIt voted 7 to 2.")
            + ImportExports.Post(unique, ImportExports.Id(unique, 2), $"secret-{unique}", "Private notes", status: "private")
            + ImportExports.Post(unique, ImportExports.Id(unique, 3), $"locked-{unique}", "Locked", password: "hunter2")
            + ImportExports.Post(unique, ImportExports.Id(unique, 4), $"draft-{unique}", "Unfinished", status: "draft")
            + ImportExports.Post(unique, ImportExports.Id(unique, 5), $"about-{unique}", "About us", type: "page", content: "We are a newsroom.")
            + ImportExports.Post(unique, ImportExports.Id(unique, 6), "", "A comment holder", content: "x", extra: "<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_content>Hi</wp:comment_content></wp:comment>"));

        var (runId, report) = await ImportAsync(xml);

        Assert.NotNull(runId);
        Assert.Equal(5, report.Counts.GetValueOrDefault("article imported"));
        Assert.Equal(1, report.Counts.GetValueOrDefault("page imported"));
        Assert.Equal(2, report.Counts.GetValueOrDefault("article withheld (private, password or members only): kept as a draft"));
        Assert.True(report.Counts.GetValueOrDefault("author created") + report.Counts.GetValueOrDefault("author matched") >= 1);
        Assert.Contains(report.Counts, c => c.Key.Contains("comment", StringComparison.Ordinal));

        using var reader = factory.CreateBrowserClient();
        var page = await factory.GetPageAsync(reader, $"/articles/budget-{unique}");
        Assert.Equal("Council passes the budget", page.QuerySelector("h1")!.TextContent.Trim());
        var paragraphs = page.QuerySelectorAll("p").Select(p => p.TextContent.Trim()).ToList();
        Assert.Contains("The council met.", paragraphs);
        Assert.Contains("It voted 7 to 2.", paragraphs);
        Assert.Contains($"/tags/city-{unique}", page.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));

        foreach (var hidden in new[] { "secret", "locked", "draft" })
        {
            using var answer = await reader.GetAsync(new Uri($"/articles/{hidden}-{unique}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        }

        await AssertRedirectAsync(reader, $"/?p={id}", $"/articles/budget-{unique}");
        await AssertRedirectAsync(reader, $"/2024/04/02/budget-{unique}/", $"/articles/budget-{unique}");
        await AssertRedirectAsync(reader, $"/category/city-{unique}/", $"/tags/city-{unique}");
        await AssertRedirectAsync(reader, $"/tag/money-{unique}/", $"/tags/money-{unique}");
        await AssertRedirectAsync(reader, $"/?page_id={ImportExports.Id(unique, 5)}", $"/about-{unique}");

        await factory.WithDbAsync(async db =>
        {
            var article = await db.Articles.Include(a => a.Authors).SingleAsync(a => a.ImportKey == $"wordpress:{id}");
            Assert.Equal(ArticleStatus.Published, article.Status);
            Assert.Equal(new DateTimeOffset(2024, 4, 2, 9, 30, 0, TimeSpan.Zero), article.PublishAt);
            Assert.Equal("The council voted & left.", article.Standfirst);
            Assert.Equal([$"Ada {unique}"], article.Authors.Select(a => a.Name));
            Assert.False(await db.Staff.AnyAsync(s => s.DisplayName == $"Ada {unique}"));
            var pageRow = await db.SitePages.SingleAsync(p => p.ImportKey == $"wordpress:{ImportExports.Id(unique, 5)}");
            Assert.True(pageRow.IsPublished);
            var run = await db.ImportRuns.SingleAsync(r => r.Id == runId);
            Assert.Equal((ImportRunState.Finished, 6), (run.State, run.ItemsDone));
            Assert.Contains("article imported", run.ReportJson, StringComparison.Ordinal);
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == Audit.AuditActions.ImportFinished && e.Target == $"import {runId}"));
        });
    }

    [Fact]
    public async Task Running_the_same_export_again_updates_what_it_imported_and_adds_nothing()
    {
        var slug = $"again-{unique}";
        await ImportAsync(ImportExports.Wxr(unique, ImportExports.Post(unique, ImportExports.Id(unique, 1), slug, "First headline")));
        var (_, report) = await ImportAsync(ImportExports.Wxr(unique, ImportExports.Post(unique, ImportExports.Id(unique, 1), slug, "Corrected headline")));

        Assert.Equal(1, report.Counts.GetValueOrDefault("article updated"));
        Assert.Equal(0, report.Counts.GetValueOrDefault("article imported"));
        await factory.WithDbAsync(async db =>
        {
            var article = await db.Articles.SingleAsync(a => a.ImportKey == $"wordpress:{ImportExports.Id(unique, 1)}");
            Assert.Equal(("Corrected headline", slug, 2), (article.Headline, article.Slug, article.Version));
            Assert.Equal(2, await db.ArticleRevisions.CountAsync(r => r.ArticleId == article.Id));
            Assert.Equal(1, await db.Redirects.CountAsync(r => r.FromPath == $"/?p={ImportExports.Id(unique, 1)}"));
            Assert.Equal(1, await db.Authors.CountAsync(a => a.ImportKey == $"wordpress:ada-{unique}"));
        });

        var (_, third) = await ImportAsync(ImportExports.Wxr(unique, ImportExports.Post(unique, ImportExports.Id(unique, 1), slug, "Corrected headline")));
        Assert.Equal(1, third.Counts.GetValueOrDefault("article unchanged"));
        Assert.Equal(2, await factory.WithDbAsync(db => db.Articles.Where(a => a.ImportKey == $"wordpress:{ImportExports.Id(unique, 1)}").Select(a => a.Version).SingleAsync()));
    }

    [Fact]
    public async Task An_address_taken_by_another_article_or_reserved_by_masthead_gets_a_suffix_and_is_reported()
    {
        var taken = $"taken-{unique}";
        await factory.WithDbAsync(async db =>
        {
            db.Articles.Add(new Article { Slug = taken, Headline = "Written here", Status = ArticleStatus.Published, PublishAt = MastheadFactory.StartTime, Edition = "en" });
            await db.SaveChangesAsync();
        });

        var (_, report) = await ImportAsync(ImportExports.Wxr(unique, ImportExports.Post(unique, ImportExports.Id(unique, 1), taken, "Imported twin") + ImportExports.Post(unique, ImportExports.Id(unique, 2), "search", "A page called search", type: "page")));

        Assert.Equal(1, report.Counts.GetValueOrDefault("article address taken: given a suffix"));
        Assert.Equal(1, report.Counts.GetValueOrDefault("page address taken or reserved: given a suffix"));
        await factory.WithDbAsync(async db =>
        {
            Assert.Equal($"{taken}-2", await db.Articles.Where(a => a.ImportKey == $"wordpress:{ImportExports.Id(unique, 1)}").Select(a => a.Slug).SingleAsync());
            Assert.Equal("Written here", await db.Articles.Where(a => a.Slug == taken).Select(a => a.Headline).SingleAsync());
            Assert.StartsWith("search-", await db.SitePages.Where(p => p.ImportKey == $"wordpress:{ImportExports.Id(unique, 2)}").Select(p => p.Slug).SingleAsync(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_dry_run_reports_what_it_would_do_and_writes_nothing()
    {
        var xml = ImportExports.Wxr(unique, ImportExports.Post(unique, ImportExports.Id(unique, 1), $"dry-{unique}", "Only a try", terms: ImportExports.Term("category", $"dry-topic-{unique}", "Dry topic")));
        var before = await factory.WithDbAsync(db => db.ImportRuns.CountAsync());

        var (runId, report) = await ImportAsync(xml, dryRun: true);

        Assert.Null(runId);
        Assert.Equal(1, report.Counts.GetValueOrDefault("article imported"));
        Assert.True(report.Counts.GetValueOrDefault("redirect made") >= 2);
        await factory.WithDbAsync(async db =>
        {
            Assert.False(await db.Articles.AnyAsync(a => a.ImportKey == $"wordpress:{ImportExports.Id(unique, 1)}"));
            Assert.False(await db.Tags.AnyAsync(t => t.Slug == $"dry-topic-{unique}"));
            Assert.False(await db.Authors.AnyAsync(a => a.ImportKey == $"wordpress:ada-{unique}"));
            Assert.False(await db.Redirects.AnyAsync(r => r.FromPath == $"/?p={ImportExports.Id(unique, 1)}"));
            Assert.Equal(before, await db.ImportRuns.CountAsync());
        });
    }

    [Fact]
    public async Task A_file_that_is_not_an_export_is_refused_in_one_sentence_from_the_command_line_with_nothing_written()
    {
        var before = await factory.WithDbAsync(db => db.ImportRuns.CountAsync());
        var path = files.Write($"broken-{unique}.xml", "<rss><channel><item>");

        var (exitCode, output, error) = await DataCareDesk.RunCommandAsync(factory, "import", "wordpress", path);

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        // The test host's own warnings about its settings come first; the command says one sentence, with no trace.
        var said = error.Trim().Split('\n').Where(line => !line.StartsWith("WARNING:", StringComparison.Ordinal)).ToList();
        Assert.Single(said);
        Assert.EndsWith("Nothing was imported.", said[0], StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDbAsync(db => db.ImportRuns.CountAsync()));
    }

    [Fact]
    public async Task The_command_line_imports_prints_the_report_and_keeps_it()
    {
        var path = files.Write($"cli-{unique}.xml", ImportExports.Wxr(unique, ImportExports.Post(unique, ImportExports.Id(unique, 1), $"cli-{unique}", "From the command line")));

        var (exitCode, output, error) = await DataCareDesk.RunCommandAsync(factory, "import", "wordpress", path);

        Assert.True(exitCode == 0, error);
        Assert.Contains("1  article imported", output, StringComparison.Ordinal);
        Assert.Contains("readable in the admin under Import", output, StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.Articles.AnyAsync(a => a.ImportKey == $"wordpress:{ImportExports.Id(unique, 1)}" && a.CreatedById == 0)));
    }

    [Fact]
    public async Task An_import_cut_short_keeps_whole_batches_and_the_next_run_finishes_the_rest()
    {
        var items = Enumerable.Range(1, ContentImport.BatchSize + 20).Select(n => Item(n)).ToList();
        var cut = new ImportedSite("wordpress", null, [], [], CutAfter(items, ContentImport.BatchSize + 10));

        await Assert.ThrowsAsync<IOException>(() => RunDirectAsync(cut));
        Assert.Equal(ContentImport.BatchSize, await CountImportedAsync());

        await RunDirectAsync(new ImportedSite("wordpress", null, [], [], items));
        Assert.Equal(ContentImport.BatchSize + 20, await CountImportedAsync());
    }

    [Fact]
    public async Task A_redirect_an_editor_made_is_kept_and_no_address_leads_to_itself()
    {
        var slug = $"kept-{unique}";
        await factory.WithDbAsync(async db =>
        {
            db.Redirects.Add(new Redirect { FromPath = $"/?p={ImportExports.Id(unique, 1)}", ToPath = "/articles/elsewhere", Source = RedirectSources.Editor });
            await db.SaveChangesAsync();
        });

        var (_, report) = await ImportAsync(ImportExports.Wxr(unique, ImportExports.Post(unique, ImportExports.Id(unique, 1), slug, "Kept", link: $"https://news.example.lv/articles/{slug}")));

        Assert.Equal(1, report.Counts.GetValueOrDefault("redirect kept: made by an editor"));
        await factory.WithDbAsync(async db =>
        {
            Assert.Equal("/articles/elsewhere", await db.Redirects.Where(r => r.FromPath == $"/?p={ImportExports.Id(unique, 1)}").Select(r => r.ToPath).SingleAsync());
            Assert.False(await db.Redirects.AnyAsync(r => r.FromPath == $"/articles/{slug}"));
        });
    }

    [Fact]
    public async Task Images_come_from_the_media_folder_into_the_body_and_the_cover_and_one_that_cannot_be_had_stays_a_link()
    {
        var uploads = "https://news.example.lv/wp-content/uploads/2024/04/";
        var folder = files.Write($"uploads-{unique}/2024/04/photo-{unique}.png", "");
        File.WriteAllBytes(folder, TestImages.Png);
        var media = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(folder)))!;
        var photo = $"{uploads}photo-{unique}.png";
        var body = $"""<p>Before.</p><p><img src="{photo}" srcset="{photo} 300w" alt="The square"></p><p><img src="{uploads}gone.png" alt="Gone"></p>""";
        var attachment = ImportExports.Post(unique, ImportExports.Id(unique, 9), $"photo-{unique}", "Photo", type: "attachment", status: "inherit",
            extra: $"<wp:attachment_url>{photo}</wp:attachment_url>");
        var post = ImportExports.Post(unique, ImportExports.Id(unique, 1), $"pictures-{unique}", "Pictures", content: body,
            extra: $"<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>{ImportExports.Id(unique, 9)}</wp:meta_value></wp:postmeta>");

        var (_, report) = await ImportAsync(ImportExports.Wxr(unique, attachment + post), media: media);

        Assert.Contains(report.Counts, c => c.Key.StartsWith("image copied", StringComparison.Ordinal));
        Assert.Contains(report.Counts, c => c.Key.StartsWith("image missing", StringComparison.Ordinal));
        var (cover, html) = await factory.WithDbAsync(db => db.Articles.Where(a => a.ImportKey == $"wordpress:{ImportExports.Id(unique, 1)}")
            .Select(a => new ValueTuple<string?, string>(a.CoverImage, a.BodyHtml)).SingleAsync());
        Assert.NotNull(cover);
        Assert.Contains($"<img src=\"/media/{cover}\" srcset=\"/media/{cover} 300w\" alt=\"The square\">", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{uploads}gone.png\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("gone.png\" alt", html, StringComparison.Ordinal);

        using var reader = factory.CreateBrowserClient();
        Assert.Equal(TestImages.Png, await reader.GetByteArrayAsync(new Uri($"/media/{cover}", UriKind.Relative)));
    }

    [Fact]
    public async Task A_ghost_export_brings_posts_and_pages_keeps_members_only_posts_as_drafts_and_its_old_addresses_redirect()
    {
        string Post(string id, string slug, string type, string visibility) =>
            $$"""{"id":"{{id}}-{{unique}}","title":"Ghost {{slug}}","slug":"{{slug}}-{{unique}}","html":"<p>From Ghost.</p>","type":"{{type}}","status":"published","visibility":"{{visibility}}","published_at":"2024-05-06T07:08:09.000Z"}""";
        var json = $$$"""
            {"db":[{"meta":{"exported_on":1714979289000,"version":"5.82.0"},"data":{
            "posts":[{{{Post("p1", "free", "post", "public")}}},{{{Post("p2", "paid", "post", "paid")}}},{{{Post("p3", "team", "page", "public")}}}],
            "users":[{"id":"u-{{{unique}}}","name":"Gia {{{unique}}}","slug":"gia-{{{unique}}}"}],
            "tags":[],"posts_authors":[{"id":"a1","post_id":"p1-{{{unique}}}","author_id":"u-{{{unique}}}","sort_order":0}],"posts_tags":[],"posts_meta":[]}}]}
            """;
        var path = files.Write($"ghost-{unique}.json", json);

        var (exitCode, output, error) = await DataCareDesk.RunCommandAsync(factory, "import", "ghost", path);

        Assert.True(exitCode == 0, error);
        Assert.Contains("2  article imported", output, StringComparison.Ordinal);
        Assert.Contains("1  page imported", output, StringComparison.Ordinal);
        using var reader = factory.CreateBrowserClient();
        var page = await factory.GetPageAsync(reader, $"/articles/free-{unique}");
        Assert.Contains($"Gia {unique}", page.Body!.TextContent, StringComparison.Ordinal);
        using var paid = await reader.GetAsync(new Uri($"/articles/paid-{unique}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, paid.StatusCode);
        await AssertRedirectAsync(reader, $"/free-{unique}/", $"/articles/free-{unique}");
        Assert.True(await factory.WithDbAsync(db => db.SitePages.AnyAsync(p => p.Slug == $"team-{unique}" && p.IsPublished)));
    }

    private static async Task AssertRedirectAsync(HttpClient reader, string from, string to)
    {
        using var answer = await reader.GetAsync(new Uri(from, UriKind.Relative));
        Assert.True(answer.StatusCode == HttpStatusCode.MovedPermanently, $"{from}: {answer.StatusCode}");
        Assert.Equal(to, answer.Headers.Location!.OriginalString);
    }

    private async Task<(int? RunId, ImportReport Report)> ImportAsync(string xml, bool dryRun = false, string? media = null)
    {
        var path = files.Write($"export-{Guid.NewGuid():N}.xml", xml);
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ImportRunner>()
            .RunAsync(new ImportRequest(ImportSources.WordPress, path, "export.xml", dryRun, "", media), actor: null, createdById: 0, savedBy: "test import", default);
    }

    private async Task RunDirectAsync(ImportedSite site)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ContentImport>()
            .RunAsync(site, new ContentImportOptions("", false, 0, "test import"), new ImportReport(), null, default);
    }

    private Task<int> CountImportedAsync() =>
        factory.WithDbAsync(db => db.Articles.CountAsync(a => a.ImportKey!.StartsWith($"wordpress:{unique}-")));

    private ImportedItem Item(int n) => new(
        $"{unique}-{n}", ImportedKind.Article, $"Cut {n}", $"cut-{unique}-{n}", "", "<p>Text.</p>", ImportedStatus.Published,
        MastheadFactory.StartTime.AddDays(-n), [], [], null, []);

    /// <summary>The items, then the read failing as a truncated file or a lost disk would, part-way through a batch.</summary>
    private static IEnumerable<ImportedItem> CutAfter(IEnumerable<ImportedItem> items, int count)
    {
        foreach (var item in items.Take(count))
        {
            yield return item;
        }

        throw new IOException("The disk went away.");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContentImportTestsOnSqlite(SqliteFactory factory) : ContentImportTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ContentImportTestsOnPostgres(PostgresFactory factory) : ContentImportTests(factory);
