using System.Xml.Linq;
using Masthead.Articles;

namespace Masthead.Import;

/// <summary>
/// The first pass over a WXR file: the site's address, its authors (with Co-Authors Plus bylines found on items), its
/// categories and tags, and every attachment's URL by id (for featured images and galleries). It reads to the end, so a
/// file cut short is refused before any item is given.
/// </summary>
internal sealed class WordPressChannel
{
    // The channel's link is the blog's home; on a multisite network base_site_url is the network's.
    private static readonly string[] SiteLinks = ["link", "base_blog_url", "base_site_url"];

    private readonly Dictionary<string, ImportedAuthor> authors = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ImportedTopic> topics = new(StringComparer.Ordinal);

    public Uri? SiteUrl { get; private set; }

    public string Version { get; private set; } = "";

    public IReadOnlyList<ImportedAuthor> Authors => [.. authors.Values];

    public IReadOnlyList<ImportedTopic> Topics => [.. topics.Values];

    public Dictionary<string, string> Attachments { get; } = new(StringComparer.Ordinal);

    /// <summary>Each post's attached images by its id, in the export's order: what a <c>[gallery]</c> without ids shows.</summary>
    public Dictionary<string, List<string>> AttachedImages { get; } = new(StringComparer.Ordinal);

    /// <summary>Category and tag keys are prefixed, as a category and a tag may share a slug: <c>category:news</c>, <c>tag:news</c>.</summary>
    public static string CategoryKey(string slug) => $"category:{slug}";

    public static string TagKey(string slug) => $"tag:{slug}";

    /// <summary>WordPress stores non-ASCII slugs percent-encoded; a malformed one is kept as it is.</summary>
    public static string Decoded(string slug)
    {
        try
        {
            return Uri.UnescapeDataString(slug);
        }
        catch (UriFormatException)
        {
            return slug;
        }
    }

    public static string Text(XElement? element) => element?.Value.Trim() ?? "";

    /// <summary>An item's <c>&lt;category domain=".." nicename=".."&gt;</c> terms of one domain, in document order.</summary>
    public static IEnumerable<(string Slug, string Name)> Terms(XElement item, string domain) =>
        from term in item.Elements("category")
        where (string?)term.Attribute("domain") == domain && (string?)term.Attribute("nicename") is { Length: > 0 }
        select (Decoded((string)term.Attribute("nicename")!), term.Value.Trim());

    /// <summary>Co-Authors Plus names its bylines <c>cap-login</c>; the login is the author's key.</summary>
    public static string CoAuthorKey(string nicename) => nicename.StartsWith("cap-", StringComparison.Ordinal) ? nicename[4..] : nicename;

    public static WordPressChannel Read(string path, ImportReport report)
    {
        var channel = new WordPressChannel();
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        using var xml = WordPressXml.Open(path, report);
        channel.Version = xml.Version;
        var wp = xml.Wp;
        foreach (var element in xml.Elements())
        {
            var name = element.Name;
            if (name == "link" || name == wp + "base_blog_url" || name == wp + "base_site_url")
            {
                links.TryAdd(name.LocalName, Text(element));
            }
            else if (name == wp + "wxr_version" && Text(element) is var version && version is not ("1.0" or "1.1" or "1.2"))
            {
                throw new ImportRefusedException($"This is a WordPress export of version {version}; versions 1.0 to 1.2 are read.");
            }
            else if (name == wp + "author" && Text(element.Element(wp + "author_login")) is { Length: > 0 } login)
            {
                var display = Text(element.Element(wp + "author_display_name"));
                channel.authors.TryAdd(login, new ImportedAuthor(login, display.Length > 0 ? display : login, Slugs.From(login)));
            }
            else if (name == wp + "category")
            {
                channel.AddCategory(wp, element, report);
            }
            else if (name == wp + "tag" && Decoded(Text(element.Element(wp + "tag_slug"))) is { Length: > 0 } tag)
            {
                channel.topics.TryAdd(TagKey(tag), new ImportedTopic(TagKey(tag), Text(element.Element(wp + "tag_name")), tag));
            }
            else if (name == "item")
            {
                channel.AddFromItem(wp, element, report);
            }
        }

        channel.SiteUrl = SiteLinks
            .Select(key => Uri.TryCreate(links.GetValueOrDefault(key), UriKind.Absolute, out var url) ? url : null)
            .FirstOrDefault(url => url is not null);
        channel.DropUnknownParents(report);
        return channel;
    }

    private void AddCategory(XNamespace wp, XElement element, ImportReport report)
    {
        var slug = Decoded(Text(element.Element(wp + "category_nicename")));
        if (slug.Length == 0)
        {
            return;
        }

        if (slug == "uncategorized")
        {
            report.Skip("wordpress category", "Uncategorized is WordPress's default, not a topic");
            return;
        }

        var parent = Decoded(Text(element.Element(wp + "category_parent")));
        topics.TryAdd(CategoryKey(slug), new ImportedTopic(
            CategoryKey(slug), Text(element.Element(wp + "cat_name")), slug, parent.Length > 0 ? CategoryKey(parent) : null));
    }

    private void AddFromItem(XNamespace wp, XElement item, ImportReport report)
    {
        var type = Text(item.Element(wp + "post_type"));
        if (type == "attachment")
        {
            var url = Text(item.Element(wp + "attachment_url"));
            var id = Text(item.Element(wp + "post_id"));
            Attachments[id] = url.Length > 0 ? url : Text(item.Element("guid"));
            if (Text(item.Element(wp + "post_parent")) is { Length: > 0 } parent and not "0" && IsImage(Attachments[id]))
            {
                (AttachedImages.TryGetValue(parent, out var attached) ? attached : AttachedImages[parent] = []).Add(id);
            }
        }

        var bylines = Terms(item, "author").ToList();
        foreach (var (nicename, name) in bylines)
        {
            var key = CoAuthorKey(nicename);
            if (authors.TryAdd(key, new ImportedAuthor(key, name.Length > 0 ? name : key, Slugs.From(key))))
            {
                report.Count("wordpress author: a Co-Authors Plus byline without a WordPress account");
            }
        }

        // An export of one author's posts, or one whose account was deleted, names a login the channel does not list.
        if (bylines.Count == 0 && type is "post" or "page" && Text(item.Element(WordPressXml.Dc + "creator")) is { Length: > 0 } login
            && authors.TryAdd(login, new ImportedAuthor(login, login, Slugs.From(login))))
        {
            report.Count("wordpress author: named on an item only, not in the channel");
        }

        // Partial exports (one category, one author) name terms on items that the channel does not declare.
        foreach (var (slug, name) in Terms(item, "category").Where(term => term.Slug != "uncategorized"))
        {
            AddUndeclared(CategoryKey(slug), name, slug, report);
        }

        foreach (var (slug, name) in Terms(item, "post_tag"))
        {
            AddUndeclared(TagKey(slug), name, slug, report);
        }
    }

    private void AddUndeclared(string key, string name, string slug, ImportReport report)
    {
        if (topics.TryAdd(key, new ImportedTopic(key, name, slug)))
        {
            report.Count("wordpress topic: named on an item only, not in the channel");
        }
    }

    private void DropUnknownParents(ImportReport report)
    {
        foreach (var topic in topics.Values.Where(topic => topic.ParentKey is { } parent && !topics.ContainsKey(parent)).ToList())
        {
            report.Warn($"The category \"{topic.Slug}\" names a parent that is not in the export (or is Uncategorized); it was read as a top-level category.");
            topics[topic.Key] = topic with { ParentKey = null };
        }
    }

    /// <summary>A gallery shows images only; an attachment's URL is all the export says of its kind.</summary>
    private static bool IsImage(string url) =>
        Path.GetExtension(url.Split('?', '#')[0]).ToLowerInvariant() is ".jpg" or ".jpeg" or ".png" or ".gif" or ".webp" or ".avif";
}
