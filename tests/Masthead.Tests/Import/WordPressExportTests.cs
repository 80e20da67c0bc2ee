using Masthead.Import;

namespace Masthead.Tests.Import;

public sealed class WordPressExportTests : IDisposable
{
    private static readonly TimeZoneInfo Riga = TimeZoneInfo.FindSystemTimeZoneById("Europe/Riga");

    private readonly ImportFiles files = new();

    public void Dispose() => files.Dispose();

    private static string Wxr(string items, string version = "1.2", string channel = "") => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:excerpt="http://wordpress.org/export/{{version}}/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/{{version}}/">
        <channel>
        <title>Riga Daily</title>
        <link>https://news.example.lv</link>
        <wp:wxr_version>{{version}}</wp:wxr_version>
        <wp:base_site_url>https://example.lv</wp:base_site_url>
        <wp:author><wp:author_login><![CDATA[ada]]></wp:author_login><wp:author_display_name><![CDATA[Ada Reporter]]></wp:author_display_name></wp:author>
        <wp:author><wp:author_login><![CDATA[ben]]></wp:author_login><wp:author_display_name><![CDATA[Ben Editor]]></wp:author_display_name></wp:author>
        <wp:category><wp:category_nicename>news</wp:category_nicename><wp:category_parent/><wp:cat_name><![CDATA[News]]></wp:cat_name></wp:category>
        <wp:category><wp:category_nicename>council</wp:category_nicename><wp:category_parent>news</wp:category_parent><wp:cat_name><![CDATA[City Council]]></wp:cat_name></wp:category>
        <wp:category><wp:category_nicename>uncategorized</wp:category_nicename><wp:category_parent/><wp:cat_name><![CDATA[Uncategorized]]></wp:cat_name></wp:category>
        <wp:tag><wp:tag_slug>news</wp:tag_slug><wp:tag_name><![CDATA[news]]></wp:tag_name></wp:tag>
        {{channel}}
        {{items}}
        </channel>
        </rss>
        """;

    private static string Item(
        string id, string slug, string type = "post", string status = "publish", string extra = "", string password = "",
        string gmt = "2024-04-02 09:30:00", string local = "2024-04-02 12:30:00", string content = "<p>Body</p>") => $$"""
        <item>
        <title>Title of {{id}}</title>
        <link>https://news.example.lv/2024/04/02/{{slug}}/</link>
        <dc:creator><![CDATA[ada]]></dc:creator>
        <content:encoded><![CDATA[{{content}}]]></content:encoded>
        <excerpt:encoded><![CDATA[The <em>council</em> voted &amp; left.]]></excerpt:encoded>
        <wp:post_id>{{id}}</wp:post_id>
        <wp:post_date><![CDATA[{{local}}]]></wp:post_date>
        <wp:post_date_gmt><![CDATA[{{gmt}}]]></wp:post_date_gmt>
        <wp:post_name><![CDATA[{{slug}}]]></wp:post_name>
        <wp:status><![CDATA[{{status}}]]></wp:status>
        <wp:post_type><![CDATA[{{type}}]]></wp:post_type>
        <wp:post_password><![CDATA[{{password}}]]></wp:post_password>
        {{extra}}
        </item>
        """;

    private static string Term(string domain, string slug, string name) => $"""<category domain="{domain}" nicename="{slug}"><![CDATA[{name}]]></category>""";

    private static string Attachment(string id, string url) =>
        Item(id, $"image-{id}", type: "attachment", status: "inherit", extra: $"<wp:attachment_url><![CDATA[{url}]]></wp:attachment_url>");

    private (ImportedSite Site, List<ImportedItem> Items, ImportReport Report) Read(string xml)
    {
        var report = new ImportReport();
        var site = WordPressExport.Read(files.Write("export.xml", xml), new WordPressOptions(Riga), report);
        return (site, site.Items.ToList(), report);
    }

    [Fact]
    public void A_post_gives_its_fields_and_the_site_its_authors_and_prefixed_topics_with_the_category_tree()
    {
        var terms = Term("category", "council", "City Council") + Term("category", "uncategorized", "Uncategorized")
            + Term("category", "news", "News") + Term("post_tag", "news", "news");
        var (site, items, report) = Read(Wxr(Item("7", "budget-vote", extra: terms)));

        Assert.Equal(("wordpress", new Uri("https://news.example.lv")), (site.Source, site.SiteUrl));
        Assert.Equal([new ImportedAuthor("ada", "Ada Reporter", "ada"), new ImportedAuthor("ben", "Ben Editor", "ben")], site.Authors);
        Assert.Equal(
            [
                new ImportedTopic("category:news", "News", "news"),
                new ImportedTopic("category:council", "City Council", "council", "category:news"),
                new ImportedTopic("tag:news", "news", "news"),
            ],
            site.Topics);
        var item = Assert.Single(items);
        Assert.Equal(("7", ImportedKind.Article, ImportedStatus.Published), (item.SourceId, item.Kind, item.Status));
        Assert.Equal(("Title of 7", "budget-vote", "The council voted & left."), (item.Title, item.Slug, item.Excerpt));
        Assert.Equal("<p>Body</p>", item.BodyHtml);
        Assert.Equal(new DateTimeOffset(2024, 4, 2, 9, 30, 0, TimeSpan.Zero), item.PublishedAt);
        Assert.Equal(["ada"], item.AuthorKeys);
        Assert.Equal(["category:council", "category:news", "tag:news"], item.TopicKeys);
        Assert.Null(item.CoverImageUrl);
        Assert.Equal(1, report.Counts["wordpress export: WXR 1.2"]);
        Assert.Equal(1, report.Counts["wordpress category skipped: Uncategorized is WordPress's default, not a topic"]);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("1.1")]
    [InlineData("1.2")]
    public void WXR_versions_1_0_to_1_2_are_read(string version)
    {
        var (_, items, report) = Read(Wxr(Item("7", "budget-vote"), version));

        Assert.Equal("Title of 7", Assert.Single(items).Title);
        Assert.Equal(1, report.Counts[$"wordpress export: WXR {version}"]);
    }

    [Fact]
    public void Statuses_map_and_private_or_password_protected_items_are_withheld_and_trash_is_skipped()
    {
        var (_, items, report) = Read(Wxr(
            Item("1", "a") + Item("2", "b", status: "future") + Item("3", "c", status: "draft") + Item("4", "d", status: "pending")
            + Item("5", "e", status: "private") + Item("6", "f", password: "secret") + Item("7", "g", type: "page", password: "secret")
            + Item("8", "h", status: "trash") + Item("9", "i", status: "auto-draft") + Item("10", "j", status: "odd")));

        Assert.Equal(
            [
                ("1", ImportedStatus.Published), ("2", ImportedStatus.Scheduled), ("3", ImportedStatus.Draft), ("4", ImportedStatus.Draft),
                ("5", ImportedStatus.Withheld), ("6", ImportedStatus.Withheld), ("7", ImportedStatus.Withheld), ("10", ImportedStatus.Draft),
            ],
            items.Select(item => (item.SourceId, item.Status)));
        Assert.Equal(1, report.Counts["wordpress post: private, withheld as a draft"]);
        Assert.Equal(1, report.Counts["wordpress post: password-protected, withheld as a draft"]);
        Assert.Equal(1, report.Counts["wordpress page: password-protected, withheld as a draft"]);
        Assert.Equal(1, report.Counts["wordpress post skipped: in the trash"]);
        Assert.Equal(1, report.Counts["wordpress post skipped: an auto-draft WordPress made, never saved by anyone"]);
        Assert.Contains(report.Warnings, warning => warning.Contains("\"odd\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Menus_revisions_custom_types_attachments_and_comments_are_counted_not_dropped_silently()
    {
        var comment = "<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_content><![CDATA[Nice]]></wp:comment_content></wp:comment>";
        var (_, items, report) = Read(Wxr(
            Item("1", "a", extra: comment + comment) + Item("2", "about", type: "page", extra: comment) + Item("3", "m", type: "nav_menu_item")
            + Item("4", "r", type: "revision") + Item("5", "p", type: "product") + Attachment("6", "https://news.example.lv/a.jpg")));

        Assert.Equal([ImportedKind.Article, ImportedKind.Page], items.Select(item => item.Kind));
        Assert.Equal(3, report.Counts["wordpress comment skipped: comments are not imported"]);
        Assert.Equal(1, report.Counts["wordpress nav_menu_item skipped: a menu entry, not content"]);
        Assert.Equal(1, report.Counts["wordpress revision skipped: an earlier version of a post"]);
        Assert.Equal(1, report.Counts["wordpress product skipped: not a post or page"]);
        Assert.Equal(1, report.Counts["wordpress attachment read"]);
    }

    [Fact]
    public void Without_a_GMT_date_the_local_date_is_read_in_the_sites_zone()
    {
        var (_, items, _) = Read(Wxr(
            Item("1", "winter", gmt: "0000-00-00 00:00:00", local: "2024-01-15 10:00:00")
            + Item("2", "summer", gmt: "", local: "2024-07-15 10:00:00")
            + Item("3", "given", gmt: "2024-07-15 07:00:00", local: "2024-07-15 10:00:00")
            + Item("4", "none", status: "draft", gmt: "0000-00-00 00:00:00", local: "0000-00-00 00:00:00")));

        Assert.Equal(
            [
                new DateTimeOffset(2024, 1, 15, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 7, 15, 7, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2024, 7, 15, 7, 0, 0, TimeSpan.Zero), null,
            ],
            items.Select(item => item.PublishedAt));
        Assert.All(items.Take(3), item => Assert.Equal(TimeSpan.Zero, item.PublishedAt!.Value.Offset));
    }

    [Fact]
    public void Co_Authors_Plus_bylines_come_in_order_and_merge_with_the_wordpress_authors_by_login()
    {
        var bylines = Term("author", "cap-ben", "Ben Editor") + Term("author", "cap-guest-writer", "Guest Writer") + Term("author", "cap-ada", "Ada");
        var (site, items, report) = Read(Wxr(Item("1", "a", extra: bylines) + Item("2", "b")));

        Assert.Equal(["ada", "ben", "guest-writer"], site.Authors.Select(author => author.Key));
        Assert.Equal(new ImportedAuthor("guest-writer", "Guest Writer", "guest-writer"), site.Authors[2]);
        Assert.Equal(["ben", "guest-writer", "ada"], items[0].AuthorKeys);
        Assert.Equal(["ada"], items[1].AuthorKeys);
        Assert.Equal(1, report.Counts["wordpress author: a Co-Authors Plus byline without a WordPress account"]);
    }

    [Fact]
    public void A_featured_image_and_a_gallery_are_found_among_the_attachments()
    {
        var thumbnail = "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value><![CDATA[21]]></wp:meta_value></wp:postmeta>";
        var (_, items, _) = Read(Wxr(
            Item("1", "a", extra: thumbnail, content: """[gallery ids="22,21"]""")
            + Attachment("21", "https://news.example.lv/wp-content/uploads/cover.jpg") + Attachment("22", "https://news.example.lv/wp-content/uploads/two.jpg")));

        Assert.Equal("https://news.example.lv/wp-content/uploads/cover.jpg", items[0].CoverImageUrl);
        Assert.Contains("""<img src="https://news.example.lv/wp-content/uploads/two.jpg" alt=""><img src="https://news.example.lv/wp-content/uploads/cover.jpg" alt="">""", items[0].BodyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gallery_without_ids_shows_the_images_attached_to_its_post_as_wordpress_does()
    {
        static string Attached(string id, string url, string parent) =>
            Item(id, $"image-{id}", type: "attachment", status: "inherit", extra: $"<wp:attachment_url>{url}</wp:attachment_url><wp:post_parent>{parent}</wp:post_parent>");
        var (_, items, report) = Read(Wxr(
            Item("1", "a", content: "[gallery]") + Item("2", "b", content: "[gallery]")
            + Attached("31", "https://news.example.lv/wp-content/uploads/one.jpg", "1") + Attached("32", "https://news.example.lv/wp-content/uploads/notes.pdf", "1")
            + Attached("33", "https://news.example.lv/wp-content/uploads/two.png", "1") + Attached("34", "https://news.example.lv/wp-content/uploads/other.jpg", "9")));

        Assert.Contains("""<figure class="gallery"><img src="https://news.example.lv/wp-content/uploads/one.jpg" alt=""><img src="https://news.example.lv/wp-content/uploads/two.png" alt=""></figure>""", items[0].BodyHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("gallery", items[1].BodyHtml, StringComparison.Ordinal);
        Assert.Single(report.Warnings, w => w.StartsWith("A [gallery] without ids whose post has no attached images", StringComparison.Ordinal));
    }

    [Fact]
    public void Old_urls_are_the_link_the_id_forms_and_for_published_posts_the_dated_and_plain_permalinks()
    {
        var (_, items, _) = Read(Wxr(
            Item("1", "budget-vote", gmt: "2024-04-01 22:30:00", local: "2024-04-02 01:30:00") + Item("2", "about", type: "page")
            + Item("3", "later", status: "draft")));

        Assert.Equal(["/2024/04/02/budget-vote/", "/?p=1", "/budget-vote/"], items[0].OldUrls);
        Assert.Equal(["/2024/04/02/about/", "/?page_id=2"], items[1].OldUrls);
        Assert.Equal(["/2024/04/02/later/", "/?p=3"], items[2].OldUrls);
    }

    [Fact]
    public void A_percent_encoded_slug_is_decoded_and_an_empty_one_made_from_the_title()
    {
        var (_, items, _) = Read(Wxr(Item("1", "%d1%80%d0%b8%d0%b3%d0%b0-news") + Item("2", "", status: "draft")));

        Assert.Equal("рига-news", items[0].Slug);
        Assert.Contains("/%d1%80%d0%b8%d0%b3%d0%b0-news/", items[0].OldUrls);
        Assert.Equal("title-of-2", items[1].Slug);
    }

    [Fact]
    public void A_category_named_only_on_an_item_is_still_a_topic()
    {
        var (site, items, report) = Read(Wxr(Item("1", "a", extra: Term("category", "sport", "Sport"))));

        Assert.Contains(new ImportedTopic("category:sport", "Sport", "sport"), site.Topics);
        Assert.Equal(["category:sport"], items[0].TopicKeys);
        Assert.Equal(1, report.Counts["wordpress topic: named on an item only, not in the channel"]);
    }

    [Fact]
    public void A_login_named_only_on_an_item_is_still_an_author()
    {
        var (site, items, report) = Read(Wxr(Item("1", "a").Replace("<![CDATA[ada]]>", "<![CDATA[carla]]>", StringComparison.Ordinal)));

        Assert.Equal(new ImportedAuthor("carla", "carla", "carla"), site.Authors[^1]);
        Assert.Equal(["carla"], items[0].AuthorKeys);
        Assert.Equal(1, report.Counts["wordpress author: named on an item only, not in the channel"]);
    }

    [Fact]
    public void A_site_in_a_folder_keeps_the_folder_in_its_old_urls()
    {
        var xml = Wxr(Item("1", "vote")).Replace("https://news.example.lv", "https://example.lv/news", StringComparison.Ordinal);

        var (site, items, _) = Read(xml);

        Assert.Equal(new Uri("https://example.lv/news"), site.SiteUrl);
        Assert.Equal(["/news/2024/04/02/vote/", "/news/?p=1", "/news/vote/"], items[0].OldUrls);
    }

    [Fact]
    public void A_bare_ampersand_is_mended_and_a_control_character_dropped_each_with_a_warning_and_its_line()
    {
        var xml = Wxr(Item("1", "a")).Replace("<title>Riga Daily</title>", "<title>Riga & Daily\u0001</title>", StringComparison.Ordinal);

        var (_, items, report) = Read(xml);

        Assert.Single(items);
        Assert.Equal(["Line 4: a bare & was written as &amp;.", "Line 4: the character U+0001, which XML does not allow, was dropped."], report.Warnings);
    }

    [Theory]
    [InlineData("{\"db\": []}", "This file is not XML, so it is not a WordPress export.")]
    [InlineData("<feed xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel/></feed>", "This is not a WordPress export: its root is not an rss element with WordPress's export namespace.")]
    [InlineData("<rss version=\"2.0\"><channel/></rss>", "This is not a WordPress export: its root is not an rss element with WordPress's export namespace.")]
    [InlineData("<rss xmlns:wp=\"http://wordpress.org/export/1.3/\"><channel/></rss>", "This is a WordPress export of version 1.3; versions 1.0 to 1.2 are read.")]
    [InlineData("<rss xmlns:wp=\"http://wordpress.org/export/1.2/\"></rss>", "This WordPress export has no channel, so it holds nothing to read.")]
    [InlineData("<!DOCTYPE rss [<!ENTITY x \"y\">]><rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel/></rss>", "This file is not XML, so it is not a WordPress export.")]
    public void A_file_that_is_not_a_WXR_export_is_refused_with_one_sentence(string text, string sentence)
    {
        var refused = Assert.Throws<ImportRefusedException>(() => Read(text));

        Assert.Equal(sentence, refused.Message);
    }

    [Fact]
    public void A_truncated_export_is_refused_before_any_item_is_given()
    {
        var xml = Wxr(Item("1", "a") + Item("2", "b") + Item("3", "c"));
        var path = files.Write("cut.xml", xml[..(xml.Length - 300)]);

        var refused = Assert.Throws<ImportRefusedException>(() => WordPressExport.Read(path, new WordPressOptions(Riga), new ImportReport()));

        Assert.StartsWith("This WordPress export is cut short or damaged: its XML breaks at line ", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_refused()
    {
        var refused = Assert.Throws<ImportRefusedException>(() =>
            WordPressExport.Read("/nonexistent/export.xml", new WordPressOptions(Riga), new ImportReport()));

        Assert.Equal("There is no file at /nonexistent/export.xml.", refused.Message);
    }
}
