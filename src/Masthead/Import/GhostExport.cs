using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace Masthead.Import;

/// <summary>
/// Reads a Ghost content export (versions 2 to 5), a <c>.json</c> file or an export zip that carries the JSON and its
/// <c>content/images</c>. The file is read twice as a stream: first everything but the posts (users, tags, which post has
/// which author and tag, in what order), which also proves the whole file is JSON of the right shape before anything is
/// given; then the posts, one at a time, as the items are asked for. So a large export runs in flat memory.
/// </summary>
public static class GhostExport
{
    private const string Placeholder = "__GHOST_URL__";

    private const string NotGhost = "This is not a Ghost export: it has no db[0].data.posts.";

    private static readonly HashSet<string> MembersOnly = new(["members", "paid", "tiers", "filter"], StringComparer.OrdinalIgnoreCase);

    public static ImportedSite Read(string path, GhostOptions options, ImportReport report)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        var archive = IsZip(path) ? GhostArchive.Open(path) : null;
        Func<Stream> open = archive is null ? () => File.OpenRead(path) : archive.OpenJson;

        var index = ReadIndex(open, report);
        var site = options.SiteUrl?.GetLeftPart(UriPartial.Path).TrimEnd('/') ?? "";
        return new ImportedSite(
            "ghost",
            options.SiteUrl,
            index.Authors,
            index.Topics,
            Items(open, index, options, site, report),
            archive is null ? null : url => ImageKey(url, site) is { } key ? archive.ReadImage(key, report) : null);
    }

    private static bool IsZip(string path)
    {
        Span<byte> magic = stackalloc byte[2];
        try
        {
            using var file = File.OpenRead(path);
            return file.Read(magic) == 2 && magic[0] == 'P' && magic[1] == 'K';
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ImportRefusedException($"There is no file at {path}.");
        }
    }

    private sealed record PostLink(string OtherKey, int SortOrder);

    private sealed class Index
    {
        public List<ImportedAuthor> Authors { get; } = [];

        public List<ImportedTopic> Topics { get; } = [];

        public HashSet<string> InternalTags { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<PostLink>> PostAuthors { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<PostLink>> PostTags { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> MetaDescriptions { get; } = new(StringComparer.Ordinal);
    }

    private static Index ReadIndex(Func<Stream> open, ImportReport report)
    {
        var index = new Index();
        var hasPosts = false;
        try
        {
            using var stream = open();
            foreach (var (table, row) in GhostTables.Rows(stream, table => table != "posts"))
            {
                using (row)
                {
                    hasPosts |= table == "posts";
                    if (row?.RootElement is { ValueKind: JsonValueKind.Object } value)
                    {
                        Add(index, table, value, report);
                    }
                }
            }
        }
        catch (JsonException)
        {
            throw NotJson();
        }
        catch (InvalidDataException)
        {
            throw Damaged();
        }

        return hasPosts ? index : throw new ImportRefusedException(NotGhost);
    }

    private static void Add(Index index, string table, JsonElement row, ImportReport report)
    {
        switch (table)
        {
            case "meta" when Text(row, "version") is { } version:
                report.Count($"ghost export: version {version}");
                if (!int.TryParse(version.Split('.')[0], CultureInfo.InvariantCulture, out var major) || major < 2)
                {
                    report.Warn($"This export was made by Ghost {version}; Ghost's exports from version 2 on are known here, so check what was read.");
                }

                break;
            case "users" when Text(row, "id") is { } id:
                index.Authors.Add(new ImportedAuthor(id, Text(row, "name") ?? "", Text(row, "slug") ?? ""));
                break;
            case "tags" when Text(row, "id") is { } id:
                var name = Text(row, "name") ?? "";
                if (name.StartsWith('#') || string.Equals(Text(row, "visibility"), "internal", StringComparison.OrdinalIgnoreCase))
                {
                    // Internal tags (#hash) drive Ghost's themes and routes; they were never shown to readers.
                    index.InternalTags.Add(id);
                    report.Skip("ghost tag", "internal");
                }
                else
                {
                    index.Topics.Add(new ImportedTopic(id, name, Text(row, "slug") ?? ""));
                }

                break;
            case "posts_authors":
                Link(index.PostAuthors, row, "author_id");
                break;
            case "posts_tags":
                Link(index.PostTags, row, "tag_id");
                break;
            case "posts_meta" when Text(row, "post_id") is { } post && Text(row, "meta_description") is { Length: > 0 } description:
                index.MetaDescriptions[post] = description;
                break;
        }
    }

    private static void Link(Dictionary<string, List<PostLink>> links, JsonElement row, string otherColumn)
    {
        if (Text(row, "post_id") is not { } post || Text(row, otherColumn) is not { } other)
        {
            return;
        }

        var order = row.TryGetProperty("sort_order", out var sort) && sort.TryGetInt32(out var n) ? n : 0;
        if (!links.TryGetValue(post, out var list))
        {
            links[post] = list = [];
        }

        list.Add(new PostLink(other, order));
    }

    private static IEnumerable<ImportedItem> Items(Func<Stream> open, Index index, GhostOptions options, string site, ImportReport report)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var stream = open();
        using var rows = GhostTables.Rows(stream, table => table == "posts").GetEnumerator();
        while (true)
        {
            // A yield cannot stand in a try with a catch, so only the reading is guarded.
            try
            {
                if (!rows.MoveNext())
                {
                    yield break;
                }
            }
            catch (JsonException)
            {
                throw NotJson();
            }
            catch (InvalidDataException)
            {
                throw Damaged();
            }

            using var row = rows.Current.Row;
            if (rows.Current.Table == "posts" && row?.RootElement is { ValueKind: JsonValueKind.Object } post
                && Text(post, "id") is { } id && seen.Add(id))
            {
                yield return Item(id, post, index, options, site, report);
            }
        }
    }

    private static ImportedItem Item(string id, JsonElement post, Index index, GhostOptions options, string site, ImportReport report)
    {
        var slug = Text(post, "slug") ?? id;
        var kind = string.Equals(Text(post, "type"), "page", StringComparison.OrdinalIgnoreCase) || IsTrue(post, "page")
            ? ImportedKind.Page
            : ImportedKind.Article;

        var html = Text(post, "html");
        if (html is null && (Text(post, "lexical") ?? Text(post, "mobiledoc")) is not null)
        {
            report.Count("ghost post: no HTML (only lexical or mobiledoc), body left empty");
            report.Warn($"The Ghost post \"{slug}\" has no HTML in the export, only Ghost's editor format; its body was left empty.");
        }

        var excerpt = Text(post, "custom_excerpt") is { Length: > 0 } custom ? custom
            : index.MetaDescriptions.GetValueOrDefault(id) ?? Text(post, "meta_description") ?? "";

        // Version 2 exports without posts_authors name the one author on the post itself.
        var authors = index.PostAuthors.TryGetValue(id, out var byline)
            ? Ordered(byline)
            : Text(post, "author_id") is { } author ? [author] : [];
        var topics = index.PostTags.TryGetValue(id, out var tags)
            ? Ordered(tags).Where(tag => !index.InternalTags.Contains(tag)).ToList()
            : [];

        List<string> oldUrls = [$"/{slug}/"];
        if (site.Length > 0)
        {
            oldUrls.Add($"{site}/{slug}/");
        }

        return new ImportedItem(
            id,
            kind,
            Text(post, "title") ?? "",
            slug,
            Resolve(excerpt, site),
            Resolve(html, site) ?? "",
            Status(slug, post, options, report),
            Date(post, "published_at"),
            authors,
            topics,
            Resolve(Text(post, "feature_image"), site),
            oldUrls);
    }

    private static ImportedStatus Status(string slug, JsonElement post, GhostOptions options, ImportReport report)
    {
        var status = (Text(post, "status") ?? "draft").ToLowerInvariant() switch
        {
            "published" => ImportedStatus.Published,
            "scheduled" => ImportedStatus.Scheduled,
            "draft" => ImportedStatus.Draft,
            "sent" => Counted(ImportedStatus.Draft, "ghost post: sent by email only, kept as a draft"),
            var other => Warned(other),
        };

        if (Text(post, "visibility") is not { } visibility || !MembersOnly.Contains(visibility))
        {
            return status;
        }

        return options.MembersOnlyAsPublic
            ? Counted(status, "ghost post: members only, imported as public (as asked)")
            : Counted(ImportedStatus.Withheld, "ghost post: members only, withheld as a draft");

        ImportedStatus Counted(ImportedStatus result, string what)
        {
            report.Count(what);
            return result;
        }

        ImportedStatus Warned(string other)
        {
            report.Warn($"The Ghost post \"{slug}\" has the status \"{other}\", unknown here; it was kept as a draft.");
            return Counted(ImportedStatus.Draft, "ghost post: unknown status, kept as a draft");
        }
    }

    private static List<string> Ordered(List<PostLink> links) =>
        [.. links.OrderBy(link => link.SortOrder).Select(link => link.OtherKey).Distinct()];

    [return: NotNullIfNotNull(nameof(text))]
    private static string? Resolve(string? text, string site) => text?.Replace(Placeholder, site, StringComparison.Ordinal);

    /// <summary>"content/images/..." for an image URL of the site's own (placeholder, absolute or root-relative), else null.</summary>
    private static string? ImageKey(string url, string site)
    {
        var path = url.StartsWith(Placeholder, StringComparison.Ordinal) ? url[Placeholder.Length..]
            : site.Length > 0 && url.StartsWith(site + "/", StringComparison.OrdinalIgnoreCase) ? url[site.Length..]
            : url;
        path = path.Split('?', '#')[0];
        return path.StartsWith("/content/images/", StringComparison.Ordinal) ? Uri.UnescapeDataString(path[1..]) : null;
    }

    private static string? Text(JsonElement row, string name) =>
        !row.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : value.ValueKind == JsonValueKind.Number ? value.GetRawText()
        : null;

    private static bool IsTrue(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value)
        && (value.ValueKind == JsonValueKind.True || (value.ValueKind == JsonValueKind.Number && value.GetRawText() == "1"));

    private static DateTimeOffset? Date(JsonElement row, string name)
    {
        if (!row.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var milliseconds))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        }

        return value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(
                value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date.ToUniversalTime()
            : null;
    }

    // The reader's line numbers count from the last refill of its buffer, so the sentence names no place.
    private static ImportRefusedException Damaged() => new("This zip is damaged: its export cannot be unpacked.");

    private static ImportRefusedException NotJson() => new("This file is not valid JSON: it is cut short or damaged.");
}
