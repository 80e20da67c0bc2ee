using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Masthead.Articles;

namespace Masthead.Import;

/// <summary>
/// Reads a WordPress export (WXR 1.0 to 1.2, Tools → Export) into <see cref="ImportedSite"/>. The file is read twice as a
/// stream, through <see cref="RepairingXmlText"/>: first the channel (<see cref="WordPressChannel"/>), which also proves
/// the whole file is whole XML before anything is given; then the items, one at a time, as they are asked for.
/// Menus, revisions, custom post types, comments and trashed items are skipped and counted, never silently dropped.
/// </summary>
public static partial class WordPressExport
{
    private const string DateFormat = "yyyy-MM-dd HH:mm:ss";

    private static readonly Dictionary<string, string> Skipped = new(StringComparer.Ordinal)
    {
        ["nav_menu_item"] = "a menu entry, not content",
        ["revision"] = "an earlier version of a post",
        ["custom_css"] = "a theme's styles",
    };

    public static ImportedSite Read(string path, WordPressOptions options, ImportReport report)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        var channel = WordPressChannel.Read(path, report);
        report.Count($"wordpress export: WXR {channel.Version}");
        return new ImportedSite("wordpress", channel.SiteUrl, channel.Authors, channel.Topics, Items(path, channel, options, report));
    }

    private static IEnumerable<ImportedItem> Items(string path, WordPressChannel channel, WordPressOptions options, ImportReport report)
    {
        // The first pass has warned of every mend already; this one mends the same text without saying so again.
        using var xml = WordPressXml.Open(path, new ImportReport());
        var sitePath = channel.SiteUrl?.AbsolutePath.TrimEnd('/') ?? "";
        foreach (var element in xml.Elements())
        {
            if (element.Name == "item" && Item(xml, element, channel, options, sitePath, report) is { } item)
            {
                yield return item;
            }
        }
    }

    private static ImportedItem? Item(WordPressXml xml, XElement item, WordPressChannel channel, WordPressOptions options, string sitePath, ImportReport report)
    {
        var wp = xml.Wp;
        if (item.Elements(wp + "comment").Count() is > 0 and var comments)
        {
            report.Count("wordpress comment skipped: comments are not imported", comments);
        }

        var type = Text(item, wp + "post_type");
        ImportedKind kind;
        switch (type)
        {
            case "post":
                kind = ImportedKind.Article;
                break;
            case "page":
                kind = ImportedKind.Page;
                break;
            case "attachment":
                report.Count("wordpress attachment read");
                return null;
            default:
                report.Skip($"wordpress {(type.Length > 0 ? type : "item without a post type")}", Skipped.GetValueOrDefault(type, "not a post or page"));
                return null;
        }

        var id = Text(item, wp + "post_id");
        var noun = kind == ImportedKind.Article ? "wordpress post" : "wordpress page";
        if (Status(Text(item, wp + "status"), Text(item, wp + "post_password").Length > 0, noun, id, report) is not { } status)
        {
            return null;
        }

        var rawSlug = Text(item, wp + "post_name");
        var title = Text(item, "title");
        var slug = WordPressChannel.Decoded(rawSlug) is { Length: > 0 } decoded ? decoded
            : Slugs.From(title) is { Length: > 0 } fromTitle ? fromTitle : id;
        var local = Date(Text(item, wp + "post_date"));
        var published = Date(Text(item, wp + "post_date_gmt")) is { } gmt
            ? new DateTimeOffset(gmt, TimeSpan.Zero)
            : local is { } date ? new DateTimeOffset(LocalToUtc(date, options.Zone), TimeSpan.Zero) : (DateTimeOffset?)null;

        var coAuthors = WordPressChannel.Terms(item, "author").Select(term => WordPressChannel.CoAuthorKey(term.Slug)).ToList();
        var creator = Text(item, WordPressXml.Dc + "creator");
        var authors = coAuthors.Count > 0 ? coAuthors.Distinct().ToList() : creator.Length > 0 ? [creator] : [];
        List<string> topics =
        [
            .. WordPressChannel.Terms(item, "category").Where(term => term.Slug != "uncategorized").Select(term => WordPressChannel.CategoryKey(term.Slug)),
            .. WordPressChannel.Terms(item, "post_tag").Select(term => WordPressChannel.TagKey(term.Slug)),
        ];

        var thumbnail = item.Elements(wp + "postmeta")
            .Where(meta => Text(meta, wp + "meta_key") == "_thumbnail_id")
            .Select(meta => Text(meta, wp + "meta_value"))
            .FirstOrDefault();
        var cover = thumbnail is null ? null : channel.Attachments.GetValueOrDefault(thumbnail);
        if (thumbnail is not null && cover is null)
        {
            report.Warn($"The {noun} {id} has a featured image ({thumbnail}) that is not among the export's attachments.");
        }

        var permalinkDate = local ?? (published is { } utc ? TimeZoneInfo.ConvertTime(utc, options.Zone).DateTime : null);
        return new ImportedItem(
            id,
            kind,
            title,
            slug,
            PlainText(Text(item, xml.Excerpt + "encoded")),
            WordPressBody.ToHtml(item.Element(WordPressXml.Content + "encoded")?.Value ?? "", channel.Attachments, report, channel.AttachedImages.GetValueOrDefault(id)),
            status,
            published,
            authors,
            [.. topics.Distinct()],
            cover,
            OldUrls(item, kind, id, status, rawSlug.Length > 0 ? rawSlug : slug, permalinkDate, sitePath));
    }

    private static ImportedStatus? Status(string status, bool password, string noun, string id, ImportReport report)
    {
        ImportedStatus? result = status switch
        {
            "publish" => ImportedStatus.Published,
            "future" => ImportedStatus.Scheduled,
            "draft" or "pending" => ImportedStatus.Draft,
            "private" => Counted(ImportedStatus.Withheld, $"{noun}: private, withheld as a draft"),
            "trash" => Skipped("in the trash"),
            "auto-draft" => Skipped("an auto-draft WordPress made, never saved by anyone"),
            _ => Warned(),
        };

        return result is not null && password && result != ImportedStatus.Withheld
            ? Counted(ImportedStatus.Withheld, $"{noun}: password-protected, withheld as a draft")
            : result;

        ImportedStatus Counted(ImportedStatus withheld, string what)
        {
            report.Count(what);
            return withheld;
        }

        ImportedStatus? Skipped(string why)
        {
            report.Skip(noun, why);
            return null;
        }

        ImportedStatus Warned()
        {
            report.Warn($"The {noun} {id} has the status \"{status}\", unknown here; it was kept as a draft.");
            return Counted(ImportedStatus.Draft, $"{noun}: unknown status, kept as a draft");
        }
    }

    /// <summary>
    /// The paths the item answered at, relative to the host (with the folder WordPress lived in, if any): its link, the
    /// <c>?p=</c> or <c>?page_id=</c> form every WordPress site answers, and for a published post the two common
    /// permalink structures, dated and plain.
    /// </summary>
    private static List<string> OldUrls(XElement item, ImportedKind kind, string id, ImportedStatus status, string slug, DateTime? date, string sitePath)
    {
        var urls = new List<string>();
        if (Uri.TryCreate(Text(item, "link"), UriKind.Absolute, out var link) && link.PathAndQuery is var path && path != "/")
        {
            urls.Add(path);
        }

        urls.Add(kind == ImportedKind.Article ? $"{sitePath}/?p={id}" : $"{sitePath}/?page_id={id}");
        if (kind == ImportedKind.Article && status == ImportedStatus.Published)
        {
            if (date is { } day)
            {
                urls.Add(string.Create(CultureInfo.InvariantCulture, $"{sitePath}/{day:yyyy'/'MM'/'dd}/{slug}/"));
            }

            urls.Add($"{sitePath}/{slug}/");
        }

        return [.. urls.Distinct(StringComparer.Ordinal)];
    }

    private static DateTime? Date(string text) =>
        DateTime.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static DateTime LocalToUtc(DateTime local, TimeZoneInfo zone)
    {
        // A time in the hour skipped when the clocks go forward was written an hour late or early: read it as the hour after.
        var unspecified = DateTime.SpecifyKind(zone.IsInvalidTime(local) ? local.AddHours(1) : local, DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
    }

    private static string PlainText(string html) =>
        Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ").Trim();

    private static string Text(XElement element, XName name) => WordPressChannel.Text(element.Element(name));

    [GeneratedRegex("<[^>]*>", RegexOptions.NonBacktracking)]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+", RegexOptions.NonBacktracking)]
    private static partial Regex Spaces();
}
