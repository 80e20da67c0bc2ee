namespace Masthead.Tests.Import;

/// <summary>Small WordPress exports the tests write for themselves, each test's ids, slugs and logins made from its own unique text.</summary>
public static class ImportExports
{
    /// <summary>A post id no other test uses: WordPress ids are numbers, so the test's unique text is hashed into one.</summary>
    public static string Id(string unique, int n) => ((unique.GetHashCode(StringComparison.Ordinal) & 0x7FFFFF) * 10 + n).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Term(string domain, string slug, string name) => $"""<category domain="{domain}" nicename="{slug}"><![CDATA[{name}]]></category>""";

    public static string Post(
        string unique, string id, string slug, string title, string type = "post", string status = "publish", string password = "", string terms = "",
        string content = "<p>Text.</p>", string extra = "", string? link = null) => $"""
        <item>
        <title>{title}</title>
        <link>{link ?? $"https://news.example.lv/2024/04/02/{slug}/"}</link>
        <dc:creator><![CDATA[ada-{unique}]]></dc:creator>
        <content:encoded><![CDATA[{content}]]></content:encoded>
        <excerpt:encoded><![CDATA[The council voted &amp; left.]]></excerpt:encoded>
        <wp:post_id>{id}</wp:post_id>
        <wp:post_date>2024-04-02 12:30:00</wp:post_date>
        <wp:post_date_gmt>2024-04-02 09:30:00</wp:post_date_gmt>
        <wp:post_name><![CDATA[{slug}]]></wp:post_name>
        <wp:status>{status}</wp:status>
        <wp:post_type>{type}</wp:post_type>
        <wp:post_password>{password}</wp:post_password>
        {terms}
        {extra}
        </item>
        """;

    public static string Wxr(string unique, string items) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
        <channel>
        <title>Riga Daily</title>
        <link>https://news.example.lv</link>
        <wp:wxr_version>1.2</wp:wxr_version>
        <wp:base_site_url>https://news.example.lv</wp:base_site_url>
        <wp:author><wp:author_login><![CDATA[ada-{unique}]]></wp:author_login><wp:author_display_name><![CDATA[Ada {unique}]]></wp:author_display_name></wp:author>
        {items}
        </channel>
        </rss>
        """;
}
