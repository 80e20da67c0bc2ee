using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Masthead.ImportBench;

/// <summary>
/// A Ghost 5 content export (Settings → Labs → Export) in the shape Ghost writes it: db[0].meta and db[0].data with the
/// posts first, then posts_authors, posts_meta, posts_tags, tags and users. Each post carries its lexical source and
/// plaintext beside the HTML, as Ghost's do; a page for every 200 posts, 10 % drafts, 2 % scheduled, 4 % members-only
/// or paid, a second author on a tenth, up to three tags (an internal #tag among them), a feature image on a third.
/// </summary>
internal static class GhostFile
{
    // Ghost writes quotes and letters such as ņ as they are, not as \u escapes.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly DateTime Newest = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly (string Slug, string Name)[] Users =
    [
        ("anna", "Anna Bērziņa"), ("janis", "Jānis Kalniņš"), ("marta", "Marta Ozola"), ("tom", "Tom Walsh"), ("editor", "The Editor"),
    ];

    private static readonly (string Slug, string Name)[] Tags =
    [
        ("news", "News"), ("council", "City Council"), ("schools", "Schools"), ("transport", "Transport"), ("housing", "Housing"),
        ("culture", "Culture"), ("sport", "Sport"), ("hash-featured", "#featured"),
    ];

    private sealed record Post(int Number, string Id, bool Page, int[] Authors, int[] Tags, string? MetaDescription);

    public static void Write(Stream output, int posts, int seed)
    {
        using var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        json.WriteStartArray("db");
        json.WriteStartObject();
        json.WriteStartObject("meta");
        json.WriteNumber("exported_on", new DateTimeOffset(Newest).ToUnixTimeMilliseconds());
        json.WriteString("version", "5.82.0");
        json.WriteEndObject();
        json.WriteStartObject("data");

        // The posts are written as they are made; what the link tables need of each is kept (a few numbers a post).
        var links = new List<Post>(posts + (posts / 200));
        json.WriteStartArray("posts");
        for (var n = 1; n <= posts; n++)
        {
            links.Add(WritePost(json, BenchText.For(seed, n), n, page: false));
            if (n % 200 == 0)
            {
                links.Add(WritePost(json, BenchText.For(seed, -n), n, page: true));
            }

            if (json.BytesPending > 1 << 16)
            {
                json.Flush();
            }
        }

        json.WriteEndArray();
        WriteLinks(json, "posts_authors", links, post => post.Authors, "author_id", "75");
        json.WriteStartArray("posts_meta");
        foreach (var post in links)
        {
            json.WriteStartObject();
            json.WriteString("id", Id("74", post.Number, post.Page));
            json.WriteString("post_id", post.Id);
            json.WriteNull("og_image");
            json.WriteNull("meta_title");
            WriteNullable(json, "meta_description", post.MetaDescription);
            json.WriteNull("email_subject");
            json.WriteNull("feature_image_alt");
            json.WriteNull("feature_image_caption");
            json.WriteBoolean("email_only", false);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteLinks(json, "posts_tags", links, post => post.Tags, "tag_id", "73");
        json.WriteStartArray("tags");
        for (var t = 0; t < Tags.Length; t++)
        {
            json.WriteStartObject();
            json.WriteString("id", TagId(t));
            json.WriteString("name", Tags[t].Name);
            json.WriteString("slug", Tags[t].Slug);
            json.WriteNull("description");
            json.WriteNull("feature_image");
            json.WriteNull("parent_id");
            json.WriteString("visibility", Tags[t].Name.StartsWith('#') ? "internal" : "public");
            json.WriteString("created_at", Date(Newest.AddYears(-10)));
            json.WriteString("updated_at", Date(Newest.AddYears(-10)));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("users");
        for (var u = 0; u < Users.Length; u++)
        {
            json.WriteStartObject();
            json.WriteString("id", UserId(u));
            json.WriteString("name", Users[u].Name);
            json.WriteString("slug", Users[u].Slug);
            json.WriteString("password", "$2a$10$benchbenchbenchbenchbenchbenchbenchbenchbenchbench");
            json.WriteString("email", $"{Users[u].Slug}@bench-news.example");
            json.WriteNull("profile_image");
            json.WriteString("bio", "Reporter at Bench News.");
            json.WriteString("status", "active");
            json.WriteString("created_at", Date(Newest.AddYears(-10)));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static Post WritePost(Utf8JsonWriter json, Random random, int n, bool page)
    {
        var id = Id("65", n, page);
        var title = BenchText.Title(random);
        var slug = BenchText.Slug(title, page ? 1_000_000 + n : n);
        var roll = random.Next(100);
        var status = roll < 10 ? "draft" : roll < 12 ? "scheduled" : "published";
        var visibility = random.Next(100) switch { < 3 => "members", < 4 => "paid", _ => "public" };
        var when = status == "scheduled" ? Newest.AddDays(random.Next(1, 60)) : Newest.AddMinutes(-(long)n * 317);
        var image = random.Next(3) == 0 ? $"__GHOST_URL__/content/images/{when:yyyy}/{when:MM}/photo-{n}.jpg" : null;

        var paragraphs = new List<string>();
        for (var i = random.Next(2, 5); i > 0; i--)
        {
            paragraphs.Add(BenchText.Paragraph(random, markup: false));
        }

        var caption = random.Next(6) == 0 ? BenchText.Title(random) : null;
        var html = new StringBuilder();
        foreach (var paragraph in paragraphs)
        {
            html.Append("<p>").Append(paragraph.Replace("&", "&amp;", StringComparison.Ordinal)).Append("</p>");
            if (caption is not null && html.Length < 2000)
            {
                html.Append($"<figure class=\"kg-card kg-image-card kg-card-hascaption\"><img src=\"__GHOST_URL__/content/images/{when:yyyy}/{when:MM}/inline-{n}.jpg\" class=\"kg-image\" alt loading=\"lazy\" width=\"1200\" height=\"800\"><figcaption><span style=\"white-space: pre-wrap;\">{caption}</span></figcaption></figure>");
                caption = null;
            }
        }

        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("uuid", $"{n:x8}-bench-4000-8000-{(page ? 1 : 0):x12}");
        json.WriteString("title", title);
        json.WriteString("slug", slug);
        json.WriteNull("mobiledoc");
        json.WriteString("lexical", Lexical(paragraphs));
        json.WriteString("html", html.ToString());
        json.WriteString("comment_id", id);
        json.WriteString("plaintext", string.Join("\n\n", paragraphs));
        WriteNullable(json, "feature_image", image);
        json.WriteBoolean("featured", random.Next(20) == 0);
        json.WriteString("type", page ? "page" : "post");
        json.WriteString("status", status);
        json.WriteNull("locale");
        json.WriteString("visibility", visibility);
        json.WriteString("email_recipient_filter", "all");
        json.WriteString("created_at", Date(when.AddHours(-2)));
        json.WriteString("updated_at", Date(when.AddHours(1)));
        WriteNullable(json, "published_at", status == "draft" ? null : Date(when));
        WriteNullable(json, "custom_excerpt", random.Next(4) == 0 ? BenchText.Title(random) + "." : null);
        json.WriteNull("codeinjection_head");
        json.WriteNull("codeinjection_foot");
        json.WriteNull("custom_template");
        json.WriteNull("canonical_url");
        json.WriteString("newsletter_id", page ? null : "6500000000000000000000ff");
        json.WriteBoolean("show_title_and_feature_image", true);
        json.WriteEndObject();

        int[] authors = random.Next(10) == 0 ? [random.Next(Users.Length), random.Next(Users.Length)] : [random.Next(Users.Length)];
        var tags = page ? [] : Enumerable.Range(0, random.Next(4)).Select(_ => random.Next(Tags.Length)).Distinct().ToArray();
        return new Post(n, id, page, authors.Distinct().ToArray(), tags, random.Next(5) == 0 ? BenchText.Title(random) : null);
    }

    private static void WriteLinks(Utf8JsonWriter json, string table, List<Post> posts, Func<Post, int[]> others, string column, string prefix)
    {
        json.WriteStartArray(table);
        var row = 0;
        foreach (var post in posts)
        {
            var order = 0;
            foreach (var other in others(post))
            {
                json.WriteStartObject();
                json.WriteString("id", Id(prefix, ++row, page: false));
                json.WriteString("post_id", post.Id);
                json.WriteString(column, column == "author_id" ? UserId(other) : TagId(other));
                json.WriteNumber("sort_order", order++);
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
    }

    private static string Lexical(List<string> paragraphs)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var lexical = new Utf8JsonWriter(buffer, Options))
        {
            lexical.WriteStartObject();
            lexical.WriteStartObject("root");
            lexical.WriteStartArray("children");
            foreach (var paragraph in paragraphs)
            {
                lexical.WriteStartObject();
                lexical.WriteStartArray("children");
                lexical.WriteStartObject();
                lexical.WriteNumber("detail", 0);
                lexical.WriteNumber("format", 0);
                lexical.WriteString("mode", "normal");
                lexical.WriteString("style", "");
                lexical.WriteString("text", paragraph);
                lexical.WriteString("type", "extended-text");
                lexical.WriteNumber("version", 1);
                lexical.WriteEndObject();
                EndElement(lexical, "paragraph");
            }

            EndElement(lexical, "root");
            lexical.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    // Ends a lexical element node: its children are written, then what every element carries.
    private static void EndElement(Utf8JsonWriter lexical, string type)
    {
        lexical.WriteEndArray();
        lexical.WriteString("direction", "ltr");
        lexical.WriteString("format", "");
        lexical.WriteNumber("indent", 0);
        lexical.WriteString("type", type);
        lexical.WriteNumber("version", 1);
        lexical.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    // Ghost's ids are 24 hex digits (MongoDB-style object ids); here a table prefix and the row's number.
    private static string Id(string prefix, int n, bool page) => $"{prefix}{(page ? 1 : 0):x2}{n:x20}";

    private static string UserId(int u) => Id("76", u + 1, page: false);

    private static string TagId(int t) => Id("77", t + 1, page: false);

    private static string Date(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
