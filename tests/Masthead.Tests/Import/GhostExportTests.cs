using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using Masthead.Import;

namespace Masthead.Tests.Import;

public sealed class GhostExportTests : IDisposable
{
    private static readonly DateTimeOffset Future = DateTimeOffset.UtcNow.AddDays(30);

    private readonly ImportFiles files = new();

    public void Dispose() => files.Dispose();

    private static JsonObject Post(string id, string slug, string type = "post", string status = "published", string visibility = "public") => new()
    {
        ["id"] = id,
        ["title"] = $"Title of {slug}",
        ["slug"] = slug,
        ["html"] = $"<p>Body of {slug}</p>",
        ["type"] = type,
        ["status"] = status,
        ["visibility"] = visibility,
        ["published_at"] = "2024-05-06T07:08:09.000Z",
    };

    private static string Export(JsonArray posts, JsonObject? extra = null, string version = "5.82.0")
    {
        var data = new JsonObject
        {
            ["posts"] = posts,
            ["users"] = new JsonArray(
                new JsonObject { ["id"] = "u1", ["name"] = "Ada Reporter", ["slug"] = "ada", ["email"] = "ada@example.org" },
                new JsonObject { ["id"] = "u2", ["name"] = "Ben Editor", ["slug"] = "ben" }),
            ["tags"] = new JsonArray(
                new JsonObject { ["id"] = "t1", ["name"] = "Council", ["slug"] = "council", ["visibility"] = "public" },
                new JsonObject { ["id"] = "t2", ["name"] = "#featured", ["slug"] = "hash-featured", ["visibility"] = "internal" },
                new JsonObject { ["id"] = "t3", ["name"] = "Schools", ["slug"] = "schools", ["visibility"] = "public" }),
            ["posts_authors"] = new JsonArray(),
            ["posts_tags"] = new JsonArray(),
            ["posts_meta"] = new JsonArray(),
        };
        foreach (var (key, value) in extra ?? [])
        {
            data[key] = value?.DeepClone();
        }

        return new JsonObject
        {
            ["db"] = new JsonArray(new JsonObject
            {
                ["meta"] = new JsonObject { ["exported_on"] = 1_714_979_289_000, ["version"] = version },
                ["data"] = data,
            }),
        }.ToJsonString();
    }

    private static JsonObject Link(string post, string column, string other, int order) =>
        new() { ["id"] = $"{post}-{other}", ["post_id"] = post, [column] = other, ["sort_order"] = order };

    private (ImportedSite Site, List<ImportedItem> Items, ImportReport Report) Read(string json, GhostOptions? options = null)
    {
        var report = new ImportReport();
        var site = GhostExport.Read(files.Write("export.json", json), options ?? new GhostOptions(), report);
        return (site, site.Items.ToList(), report);
    }

    [Fact]
    public void A_version_5_export_gives_its_authors_topics_and_posts_with_bylines_and_topics_in_their_order()
    {
        var post = Post("p1", "budget-vote");
        post["custom_excerpt"] = "The council voted.";
        var extra = new JsonObject
        {
            ["posts_authors"] = new JsonArray(Link("p1", "author_id", "u1", 1), Link("p1", "author_id", "u2", 0)),
            ["posts_tags"] = new JsonArray(Link("p1", "tag_id", "t3", 2), Link("p1", "tag_id", "t2", 0), Link("p1", "tag_id", "t1", 1)),
        };

        var (site, items, report) = Read(Export([post], extra));

        Assert.Equal("ghost", site.Source);
        Assert.Equal([new ImportedAuthor("u1", "Ada Reporter", "ada"), new ImportedAuthor("u2", "Ben Editor", "ben")], site.Authors);
        Assert.Equal([new ImportedTopic("t1", "Council", "council"), new ImportedTopic("t3", "Schools", "schools")], site.Topics);
        var item = Assert.Single(items);
        Assert.Equal(("p1", ImportedKind.Article, ImportedStatus.Published), (item.SourceId, item.Kind, item.Status));
        Assert.Equal(("Title of budget-vote", "budget-vote", "The council voted."), (item.Title, item.Slug, item.Excerpt));
        Assert.Equal("<p>Body of budget-vote</p>", item.BodyHtml);
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero), item.PublishedAt);
        Assert.Equal(TimeSpan.Zero, item.PublishedAt!.Value.Offset);
        Assert.Equal(["u2", "u1"], item.AuthorKeys);
        Assert.Equal(["t1", "t3"], item.TopicKeys);
        Assert.Equal(["/budget-vote/"], item.OldUrls);
        Assert.Equal(1, report.Counts["ghost tag skipped: internal"]);
        Assert.Equal(1, report.Counts["ghost export: version 5.82.0"]);
    }

    [Fact]
    public void Statuses_and_kinds_are_read_from_status_and_type()
    {
        var scheduled = Post("p2", "tomorrow", status: "scheduled");
        scheduled["published_at"] = Future.ToString("O");
        var (_, items, report) = Read(Export([
            Post("p1", "published"), scheduled, Post("p3", "draft", status: "draft"), Post("p4", "about", type: "page"),
            Post("p5", "newsletter-only", status: "sent"),
        ]));

        Assert.Equal(
            [
                (ImportedKind.Article, ImportedStatus.Published), (ImportedKind.Article, ImportedStatus.Scheduled),
                (ImportedKind.Article, ImportedStatus.Draft), (ImportedKind.Page, ImportedStatus.Published),
                (ImportedKind.Article, ImportedStatus.Draft),
            ],
            items.Select(item => (item.Kind, item.Status)));
        Assert.Equal(Future.ToUniversalTime().ToUnixTimeSeconds(), items[1].PublishedAt!.Value.ToUnixTimeSeconds());
        Assert.Equal("/about/", Assert.Single(items[3].OldUrls));
        Assert.Equal(1, report.Counts["ghost post: sent by email only, kept as a draft"]);
    }

    [Fact]
    public void Members_only_posts_are_withheld_and_counted_unless_asked_to_be_public()
    {
        var json = Export([
            Post("p1", "open"), Post("p2", "members", visibility: "members"), Post("p3", "paid", visibility: "paid"),
            Post("p4", "tiers", visibility: "tiers"), Post("p5", "members-draft", status: "draft", visibility: "members"),
        ]);

        var (_, withheld, report) = Read(json);
        Assert.Equal(
            [ImportedStatus.Published, ImportedStatus.Withheld, ImportedStatus.Withheld, ImportedStatus.Withheld, ImportedStatus.Withheld],
            withheld.Select(item => item.Status));
        Assert.Equal(4, report.Counts["ghost post: members only, withheld as a draft"]);

        var (_, asPublic, publicReport) = Read(json, new GhostOptions(MembersOnlyAsPublic: true));
        Assert.Equal(
            [ImportedStatus.Published, ImportedStatus.Published, ImportedStatus.Published, ImportedStatus.Published, ImportedStatus.Draft],
            asPublic.Select(item => item.Status));
        Assert.Equal(4, publicReport.Counts["ghost post: members only, imported as public (as asked)"]);
    }

    [Fact]
    public void The_ghost_url_placeholder_becomes_the_site_address_or_a_root_relative_link()
    {
        var post = Post("p1", "photos");
        post["html"] = """<p><a href="__GHOST_URL__/other/">x</a><img src="__GHOST_URL__/content/images/2024/05/a.jpg"></p>""";
        post["feature_image"] = "__GHOST_URL__/content/images/2024/05/cover.jpg";
        var json = Export([post]);

        var relative = Assert.Single(Read(json).Items);
        Assert.Equal("""<p><a href="/other/">x</a><img src="/content/images/2024/05/a.jpg"></p>""", relative.BodyHtml);
        Assert.Equal("/content/images/2024/05/cover.jpg", relative.CoverImageUrl);

        var absolute = Assert.Single(Read(json, new GhostOptions(new Uri("https://news.example.org/"))).Items);
        Assert.Equal(
            """<p><a href="https://news.example.org/other/">x</a><img src="https://news.example.org/content/images/2024/05/a.jpg"></p>""",
            absolute.BodyHtml);
        Assert.Equal("https://news.example.org/content/images/2024/05/cover.jpg", absolute.CoverImageUrl);
        Assert.Equal(["/photos/", "https://news.example.org/photos/"], absolute.OldUrls);
    }

    [Fact]
    public void The_excerpt_falls_back_to_the_meta_description_then_to_nothing()
    {
        var custom = Post("p1", "custom");
        custom["custom_excerpt"] = "Custom.";
        var extra = new JsonObject
        {
            ["posts_meta"] = new JsonArray(
                new JsonObject { ["post_id"] = "p1", ["meta_description"] = "Not this." },
                new JsonObject { ["post_id"] = "p2", ["meta_description"] = "From the meta." }),
        };

        var (_, items, _) = Read(Export([custom, Post("p2", "meta"), Post("p3", "none")], extra));

        Assert.Equal(["Custom.", "From the meta.", ""], items.Select(item => item.Excerpt));
    }

    [Fact]
    public void A_post_with_only_lexical_or_mobiledoc_gets_an_empty_body_and_a_warning()
    {
        var post = Post("p1", "lexical-only");
        post["html"] = null;
        post["lexical"] = """{"root":{"children":[]}}""";

        var (_, items, report) = Read(Export([post]));

        Assert.Equal("", Assert.Single(items).BodyHtml);
        Assert.Contains(report.Warnings, warning => warning.Contains("lexical-only", StringComparison.Ordinal));
    }

    [Fact]
    public void A_version_2_export_with_db_as_an_object_page_flags_and_the_author_on_the_post_is_read()
    {
        var json = """
            {"db": {"meta": {"exported_on": 1534000000000, "version": "2.0.0"}, "data": {
              "posts": [
                {"id": "5b1", "title": "Hello", "slug": "hello", "html": "<p>Hi</p>", "page": false, "status": "published",
                 "visibility": "public", "author_id": "1", "meta_description": "Said hello.", "published_at": "2018-08-20T10:00:00.000Z"},
                {"id": "5b2", "title": "About", "slug": "about", "html": "<p>Us</p>", "page": 1, "status": "published",
                 "visibility": "public", "author_id": "1", "published_at": "2018-08-21T10:00:00.000Z"},
                {"id": "5b3", "title": "Paid", "slug": "paid", "html": "<p>$</p>", "page": true, "status": "published",
                 "visibility": "paid", "author_id": "1", "published_at": null}
              ],
              "users": [{"id": "1", "name": "Ghost Writer", "slug": "ghost"}],
              "tags": [{"id": "9", "name": "Getting Started", "slug": "getting-started"}],
              "posts_tags": [{"id": "x", "post_id": "5b1", "tag_id": "9"}]
            }}}
            """;

        var (site, items, _) = Read(json);

        Assert.Equal(new ImportedAuthor("1", "Ghost Writer", "ghost"), Assert.Single(site.Authors));
        Assert.Equal(
            [("hello", ImportedKind.Article, ImportedStatus.Published), ("about", ImportedKind.Page, ImportedStatus.Published), ("paid", ImportedKind.Page, ImportedStatus.Withheld)],
            items.Select(item => (item.Slug, item.Kind, item.Status)));
        Assert.All(items, item => Assert.Equal(["1"], item.AuthorKeys));
        Assert.Equal(["9"], items[0].TopicKeys);
        Assert.Equal("Said hello.", items[0].Excerpt);
        Assert.Null(items[2].PublishedAt);
    }

    [Fact]
    public void Posts_larger_than_the_read_buffer_are_read_whole_and_the_items_can_be_read_again()
    {
        var big = new string('x', 300_000);
        var posts = new JsonArray([.. Enumerable.Range(0, 40).Select(i =>
        {
            var post = Post($"p{i}", $"post-{i}");
            post["html"] = $"<p>{i}{(i % 7 == 0 ? big : "")}</p>";
            return (JsonNode)post;
        })]);

        var (site, items, _) = Read(Export(posts));

        Assert.Equal(40, items.Count);
        Assert.Equal(300_008, items[7].BodyHtml.Length);
        Assert.Equal("<p>8</p>", items[8].BodyHtml);
        Assert.Equal(40, site.Items.Count());
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("hello, this is a text file", "not valid JSON")]
    [InlineData("[1, 2, 3]", "not a JSON object")]
    [InlineData("""{"db": [{"meta": {}, "data": {"users": []}}]}""", "no db[0].data.posts")]
    [InlineData("""{"posts": []}""", "no db[0].data.posts")]
    public void A_file_that_is_not_a_ghost_export_is_refused_in_one_sentence(string text, string expected)
    {
        var refused = Assert.Throws<ImportRefusedException>(() => Read(text));
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_export_is_refused_before_any_item_is_given()
    {
        var json = Export([Post("p1", "one"), Post("p2", "two")]);

        var refused = Assert.Throws<ImportRefusedException>(() => GhostExport.Read(files.Write("cut.json", json[..(json.Length * 2 / 3)]), new GhostOptions(), new ImportReport()));

        Assert.Equal("This file is not valid JSON: it is cut short or damaged.", refused.Message);
    }

    [Fact]
    public void A_missing_file_is_refused() =>
        Assert.Throws<ImportRefusedException>(() => GhostExport.Read(Path.Combine(Path.GetTempPath(), "no-such-export.json"), new GhostOptions(), new ImportReport()));

    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 0xFF, 0xD9];

    private string Zip(params (string Entry, byte[] Bytes)[] extra)
    {
        var post = Post("p1", "photos");
        post["feature_image"] = "__GHOST_URL__/content/images/2024/05/a.jpg";
        return files.WriteZip("export.zip", [("my-site/my-site.ghost.2024-05-06.json", Encoding.UTF8.GetBytes(Export([post]))), .. extra]);
    }

    [Fact]
    public void A_zip_export_is_read_and_its_images_are_found_by_their_urls()
    {
        var path = Zip(("my-site/content/images/2024/05/a.jpg", Jpeg), ("my-site/content/images/2024/05/b%20c.png", [1]));
        var report = new ImportReport();

        var site = GhostExport.Read(path, new GhostOptions(new Uri("https://news.example.org")), report);

        var item = Assert.Single(site.Items);
        Assert.Equal("https://news.example.org/content/images/2024/05/a.jpg", item.CoverImageUrl);
        Assert.NotNull(site.OpenMedia);
        Assert.Equal(Jpeg, site.OpenMedia("__GHOST_URL__/content/images/2024/05/a.jpg"));
        Assert.Equal(Jpeg, site.OpenMedia(item.CoverImageUrl!));
        Assert.Equal(Jpeg, site.OpenMedia("/content/images/2024/05/a.jpg?v=2"));
        Assert.Equal(Jpeg, site.OpenMedia("/content/images/size/w600/2024/05/a.jpg"));
        Assert.Null(site.OpenMedia("/content/images/2024/05/missing.jpg"));
        Assert.Null(site.OpenMedia("https://elsewhere.example.com/content/images/2024/05/a.jpg"));
        Assert.Null(site.OpenMedia("/content/images/../../my-site.ghost.2024-05-06.json"));
    }

    [Fact]
    public void A_plain_json_export_carries_no_media() =>
        Assert.Null(Read(Export([Post("p1", "one")])).Site.OpenMedia);

    [Fact]
    public void An_image_larger_than_the_limit_is_not_given()
    {
        var site = GhostExport.Read(Zip(("content/images/huge.jpg", RandomBytes(GhostArchive.MaxImageBytes + 1))), new GhostOptions(), new ImportReport());

        Assert.Null(site.OpenMedia!("/content/images/huge.jpg"));
    }

    [Fact]
    public void A_file_that_calls_itself_a_zip_but_is_not_one_is_refused()
    {
        var path = files.Write("export.zip", "PK but nothing else of a zip");

        var refused = Assert.Throws<ImportRefusedException>(() => GhostExport.Read(path, new GhostOptions(), new ImportReport()));

        Assert.Equal("This file is not a zip archive, or it is a damaged one.", refused.Message);
    }

    [Theory]
    [InlineData("../evil.sh")]
    [InlineData("my-site/../../evil.sh")]
    [InlineData("/etc/cron.d/evil")]
    [InlineData("C:/Windows/evil.dll")]
    [InlineData("..\\evil.sh")]
    public void A_zip_with_a_path_leading_outside_it_is_refused(string entry)
    {
        var refused = Assert.Throws<ImportRefusedException>(() => GhostExport.Read(Zip((entry, [1])), new GhostOptions(), new ImportReport()));

        Assert.Contains("path leads outside it", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_without_a_json_export_is_refused()
    {
        var path = files.WriteZip("images.zip", ("content/images/a.jpg", Jpeg));

        var refused = Assert.Throws<ImportRefusedException>(() => GhostExport.Read(path, new GhostOptions(), new ImportReport()));

        Assert.Equal("This zip holds no Ghost export: there is no .json file in it.", refused.Message);
    }

    [Fact]
    public void A_zip_with_more_entries_than_the_limit_is_refused()
    {
        var entries = Enumerable.Range(0, GhostArchive.MaxEntries + 1).Select(i => ($"content/images/{i}.jpg", Array.Empty<byte>()));

        var refused = Assert.Throws<ImportRefusedException>(() => GhostExport.Read(Zip([.. entries]), new GhostOptions(), new ImportReport()));

        Assert.Contains("more than the 100,000", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_bomb_is_refused_by_its_compression_ratio()
    {
        var refused = Assert.Throws<ImportRefusedException>(() => GhostExport.Read(Zip(("content/images/zeros.jpg", new byte[20 << 20])), new GhostOptions(), new ImportReport()));

        Assert.Contains("expands more than 100 times", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_whose_entry_holds_more_than_it_declares_is_read_no_further_than_declared_and_refused()
    {
        var json = Encoding.UTF8.GetBytes(Export([Post("p1", "one"), Post("p2", "two")]));
        var path = files.WriteZip("lying.zip", ("export.json", json));
        DeclareUncompressedSize(path, 40);

        // Only the declared 40 bytes are read, which is not a whole export.
        var refused = Assert.Throws<ImportRefusedException>(() => GhostExport.Read(path, new GhostOptions(), new ImportReport()));

        Assert.Equal("This file is not valid JSON: it is cut short or damaged.", refused.Message);
    }

    // Rewrites the uncompressed size in every local and central header, as a hostile zip would.
    private static void DeclareUncompressedSize(string path, uint size)
    {
        var bytes = File.ReadAllBytes(path);
        for (var i = 0; i + 46 <= bytes.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i));
            var at = signature switch { 0x04034b50 => 22, 0x02014b50 => 24, _ => -1 };
            if (at > 0)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + at), size);
            }
        }

        File.WriteAllBytes(path, bytes);
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(7).NextBytes(bytes);
        return bytes;
    }
}
