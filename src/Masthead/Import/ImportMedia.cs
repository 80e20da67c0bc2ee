using Masthead.Articles;
using Masthead.Data;

namespace Masthead.Import;

/// <summary>Where an import's images come from, besides the export itself.</summary>
/// <param name="MediaDirectory">
/// <c>--media DIR</c>: a local copy of WordPress's <c>wp-content/uploads</c> or of Ghost's <c>content/images</c>.
/// </param>
/// <param name="Fetch"><c>--fetch-media</c>: download what is found nowhere else, from the export's own site and <paramref name="FetchHosts"/>.</param>
/// <param name="FetchHosts"><c>--media-host</c>: other hosts images may be downloaded from (a CDN the site used).</param>
/// <param name="AllowPrivateAddresses">For tests only, which serve from 127.0.0.1; see <see cref="MediaFetch"/>.</param>
/// <param name="FetchTimeout">The most one download may take; 20 seconds unless given.</param>
public sealed record ImportMediaOptions(
    string? MediaDirectory = null,
    bool Fetch = false,
    IReadOnlyList<string>? FetchHosts = null,
    bool AllowPrivateAddresses = false,
    TimeSpan? FetchTimeout = null);

/// <summary>
/// Finds an export's images by URL and stores them as <see cref="MediaFile"/>s named by their content: first in the export
/// (<see cref="ImportedSite.OpenMedia"/>), then in the media folder, then, when asked, on the web (<see cref="MediaFetch"/>).
/// Each URL is looked up once per run; each outcome is counted in the report ("image copied", "image already stored",
/// "image missing: why").
/// </summary>
public sealed class ImportMedia : IDisposable
{
    private static readonly string[] FolderMarkers = ["/wp-content/uploads/", "/content/images/"];

    private readonly ImportedSite _site;
    private readonly string? _directory;
    private readonly MediaFetch? _fetch;
    private readonly ImportReport _report;
    private readonly Dictionary<string, string?> _stored = new(StringComparer.Ordinal);

    public ImportMedia(ImportedSite site, ImportMediaOptions options, ImportReport report)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(options);
        _site = site;
        _report = report;
        _directory = options.MediaDirectory is { } directory ? Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)) : null;
        if (options.Fetch)
        {
            var hosts = (options.FetchHosts ?? []).Concat(site.SiteUrl is { } url ? [url.IdnHost] : []);
            _fetch = new MediaFetch(hosts, options.AllowPrivateAddresses, options.FetchTimeout);
        }
    }

    /// <summary>
    /// The stored name (<c>&lt;24 hex&gt;.jpg</c>, served at <c>/media/{name}</c>) of the image at <paramref name="url"/>, added
    /// to <paramref name="db"/> (saved by the caller) unless already there; null when it cannot be had, with the reason in
    /// the report. A relative URL is taken against the site's URL.
    /// </summary>
    public async Task<string?> StoreAsync(MastheadDb db, string url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(url);
        if (_stored.TryGetValue(url, out var known))
        {
            return known;
        }

        var read = await ReadAsync(url, cancellationToken);
        string? name = null;
        if (read.Bytes is { } bytes)
        {
            var before = db.MediaFiles.Local.Count;
            name = await MediaImages.AddAsync(db, bytes, cancellationToken);
            _report.Count(db.MediaFiles.Local.Count > before ? "image copied" : "image already stored");
        }
        else
        {
            _report.Count("image missing: " + read.Problem);
            // A data: URL can be a whole image long.
            _report.Warn($"The image {(url.Length <= 200 ? url : url[..200] + "…")} was not imported: {read.Problem}.");
        }

        _stored[url] = name;
        return name;
    }

    /// <summary>The image at <paramref name="url"/>, checked by <see cref="MediaImages"/>, or why it cannot be had.</summary>
    public async Task<MediaBytes> ReadAsync(string url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (_site.OpenMedia?.Invoke(url) is { } carried)
        {
            return MediaBytes.Checked(carried);
        }

        var absolute = _site.SiteUrl is { } site && Uri.TryCreate(site, url, out var resolved) ? resolved
            : Uri.TryCreate(url, UriKind.Absolute, out var given) ? given : null;
        var problem = "not in the export" + (_directory is null ? "" : " or the media folder") + (_fetch is null ? " (--fetch-media would download it)" : "");
        if (_directory is not null && FromFolder(absolute?.AbsolutePath ?? url.Split('?', '#')[0]) is { } local)
        {
            if (local.Bytes is not null || _fetch is null)
            {
                return local;
            }

            problem = local.Problem!;
        }

        return _fetch is not null && absolute is not null ? await _fetch.GetAsync(absolute, cancellationToken) : MediaBytes.Missing(problem);
    }

    public void Dispose() => _fetch?.Dispose();

    /// <summary>
    /// The file a URL path names in the media folder: what follows <c>/wp-content/uploads/</c> (WordPress) or
    /// <c>/content/images/</c> (Ghost). Null when the path names neither. The file must stay inside the folder: a path
    /// that climbs out, or passes through a symbolic link, is refused.
    /// </summary>
    private MediaBytes? FromFolder(string path)
    {
        path = Uri.UnescapeDataString(path);
        var marker = FolderMarkers.Select(m => (Marker: m, At: path.IndexOf(m, StringComparison.Ordinal))).FirstOrDefault(m => m.At >= 0);
        if (marker.Marker is null)
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(_directory!, path[(marker.At + marker.Marker.Length)..]));
        if (!full.StartsWith(_directory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return MediaBytes.Missing("its path leaves the media folder");
        }

        for (var step = full; step.Length > _directory!.Length; step = Path.GetDirectoryName(step)!)
        {
            if (new FileInfo(step).LinkTarget is not null)
            {
                return MediaBytes.Missing("its path passes through a symbolic link in the media folder");
            }
        }

        var file = new FileInfo(full);
        if (!file.Exists)
        {
            return MediaBytes.Missing("not in the media folder");
        }

        return file.Length > CoverImages.MaxBytes ? MediaBytes.Missing(MediaBytes.TooLarge) : MediaBytes.Checked(File.ReadAllBytes(full));
    }
}
