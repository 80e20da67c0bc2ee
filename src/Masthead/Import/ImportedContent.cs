namespace Masthead.Import;

/// <summary>What an export holds, read by <c>WordPressExport</c> or <c>GhostExport</c> and written by <c>ContentImport</c>: one shape for every source.</summary>
public enum ImportedKind
{
    Article,
    Page,
}

/// <summary>Where an imported item stands at its source, in Masthead's terms; private and password-protected items are never public.</summary>
public enum ImportedStatus
{
    Published,
    Scheduled,
    Draft,

    /// <summary>Private, password-protected or for members only: imported as a draft and counted apart.</summary>
    Withheld,
}

/// <summary>A byline at the source: <see cref="Key"/> is the source's login or id, kept as the author's import key.</summary>
public sealed record ImportedAuthor(string Key, string Name, string Slug);

/// <summary>A category or tag at the source; <see cref="ParentKey"/> names its parent category, if it has one.</summary>
public sealed record ImportedTopic(string Key, string Name, string Slug, string? ParentKey = null);

/// <summary>
/// A post or page at the source. <see cref="SourceId"/> with the source's name makes the import key, so running again
/// updates the item instead of adding it twice. <see cref="BodyHtml"/> is the source's HTML, already freed of the source's
/// own markup (WordPress's block comments and shortcodes); <see cref="OldUrls"/> are the addresses that should answer 301.
/// </summary>
public sealed record ImportedItem(
    string SourceId,
    ImportedKind Kind,
    string Title,
    string Slug,
    string Excerpt,
    string BodyHtml,
    ImportedStatus Status,
    DateTimeOffset? PublishedAt,
    IReadOnlyList<string> AuthorKeys,
    IReadOnlyList<string> TopicKeys,
    string? CoverImageUrl,
    IReadOnlyList<string> OldUrls);

/// <summary>
/// One export, read: its source (<c>wordpress</c>, <c>ghost</c>), the site it came from, its authors and topics (small, read
/// first) and its items (read one at a time, so a large export runs in flat memory). <see cref="OpenMedia"/> finds an image
/// the export itself carries (a Ghost zip's <c>content/images</c>) by its URL, or gives null.
/// </summary>
public sealed record ImportedSite(
    string Source,
    Uri? SiteUrl,
    IReadOnlyList<ImportedAuthor> Authors,
    IReadOnlyList<ImportedTopic> Topics,
    IEnumerable<ImportedItem> Items,
    Func<string, byte[]?>? OpenMedia = null);

/// <summary>A file that cannot be imported: the one plain sentence says why; nothing has been written.</summary>
public sealed class ImportRefusedException(string message) : Exception(message);
