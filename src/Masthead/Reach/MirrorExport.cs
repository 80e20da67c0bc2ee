using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Masthead.Editions;
using Masthead.Web;

namespace Masthead.Reach;

/// <summary>What to export: the folder, the copy's own address (for its feeds and sitemap) and where giving works.</summary>
/// <param name="Folder">Written in place: only files an earlier export listed in its manifest are replaced or removed.</param>
/// <param name="BaseUrl">The copy's address, e.g. https://meridian.example.net/news; null: feeds and sitemap link to the site.</param>
/// <param name="LiveUrl">Where the copy's Continue, reminders and other forms lead: the site, its onion address, another live address.</param>
public sealed record MirrorExportRequest(string Folder, string? BaseUrl, string LiveUrl);

/// <summary>What an export did.</summary>
/// <param name="Files">The files the copy holds.</param>
/// <param name="Written">Those written now: new or changed.</param>
/// <param name="Unchanged">Those left as an earlier export wrote them.</param>
/// <param name="Removed">Files of an earlier export the site no longer has.</param>
/// <param name="Broken">Addresses the site links to that did not answer, each with a page that links to it.</param>
public sealed record MirrorExportResult(int Files, int Written, int Unchanged, int Removed, IReadOnlyList<string> Broken);

/// <summary>
/// Writes a self-contained static copy of the public site by reading it as a reader would, over this process's own
/// loopback connection, each request marked as a <see cref="StaticCopy"/>: starting at every edition's front page,
/// its "Reach us" page, feeds and sitemap, following every link to the site, and rewriting each into a relative one
/// (<see cref="MirrorFiles"/>). Links to what a static host cannot answer (giving, reminders, search, the API) lead
/// to <see cref="MirrorExportRequest.LiveUrl"/>. A manifest of file hashes makes a second export write only what changed.
/// </summary>
public sealed partial class MirrorExport(SiteEditions editions)
{
    public const string ManifestFile = ".masthead-mirror.json";

    /// <summary>Pages fetched at once: the server renders each page once, uncached.</summary>
    private const int Parallelism = 4;

    /// <summary>Paths (from an edition's root) served only by the live site: its forms, giving, search and the API.</summary>
    private static readonly string[] LiveOnly = ["/support", "/appeal", "/search", "/api", "/admin", "/payments", "/sandbox", "/newsletter", "/health", "/error", "/.well-known"];

    [GeneratedRegex(@"(?<name>\s(?:href|src|action|content|srcset))=""(?<value>[^""]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex AttributeQuoted();

    [GeneratedRegex(@"(?<open><script type=""application/ld[^""]*json"">)(?<json>.*?)</script>", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex StructuredData();

    [GeneratedRegex(@" nonce=""[^""]*""", RegexOptions.CultureInvariant)]
    private static partial Regex Nonce();

    /// <param name="server">Where this process listens on loopback.</param>
    /// <param name="origin">The site's address as its pages write it (the configured base address), e.g. https://news.example.org.</param>
    /// <param name="request">The folder and addresses.</param>
    /// <param name="output">Where the summary is written.</param>
    /// <param name="cancellationToken">Stops the export between pages.</param>
    public async Task<MirrorExportResult> ExportAsync(Uri server, string origin, MirrorExportRequest request, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        var folder = Path.GetFullPath(request.Folder);
        var previous = ReadManifest(folder);
        Directory.CreateDirectory(folder);

        var originUri = new Uri(origin);
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = server, Timeout = TimeSpan.FromMinutes(1) };
        var crawl = new Crawl(this, originUri, request);
        foreach (var edition in editions.All.Where(e => e.BaseUrl is null))
        {
            foreach (var seed in new[] { "/", ReachPath, "/feed.xml", "/atom.xml", "/sitemap.xml" })
            {
                crawl.Enqueue(edition.Prefix + seed, from: null);
            }
        }

        crawl.Enqueue("/site.css", from: null);
        crawl.Enqueue("/reader.js", from: null);

        var written = 0;
        var unchanged = 0;
        var files = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        while (crawl.NextWave() is { Count: > 0 } wave)
        {
            await Parallel.ForEachAsync(wave, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (path, token) =>
            {
                if (await crawl.FetchAsync(client, path, token) is not { } file)
                {
                    return;
                }

                var hash = Convert.ToHexStringLower(SHA256.HashData(file.Bytes));
                files[file.Name] = hash;
                var target = Path.Combine(folder, file.Name.Replace('/', Path.DirectorySeparatorChar));
                if (previous.TryGetValue(file.Name, out var before) && before == hash && File.Exists(target))
                {
                    Interlocked.Increment(ref unchanged);
                    return;
                }

                await WriteAsync(target, file.Bytes, token);
                Interlocked.Increment(ref written);
            });
        }

        // Only what an earlier export wrote is ever removed, so a wrong folder loses nothing of anyone else's.
        var removed = 0;
        foreach (var gone in previous.Keys.Where(name => !files.ContainsKey(name)))
        {
            var path = Path.Combine(folder, gone.Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(path))
            {
                File.Delete(path);
                removed++;
            }
        }

        await WriteAsync(Path.Combine(folder, ManifestFile), JsonSerializer.SerializeToUtf8Bytes(new Manifest(new SortedDictionary<string, string>(files, StringComparer.Ordinal))), cancellationToken);
        var result = new MirrorExportResult(files.Count, written, unchanged, removed, crawl.Broken);
        await output.WriteLineAsync($"Exported {result.Files} files to {folder}: {result.Written} written, {result.Unchanged} unchanged, {result.Removed} removed.");
        foreach (var broken in result.Broken)
        {
            await output.WriteLineAsync($"  broken link: {broken}");
        }

        return result;
    }

    /// <summary>Why <paramref name="folder"/> cannot take an export, or null: it must be empty, new, or hold an earlier export.</summary>
    public static string? Problem(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (File.Exists(full))
        {
            return $"{full} is a file, not a folder.";
        }

        return Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any() && !File.Exists(Path.Combine(full, ManifestFile))
            ? $"{full} is not empty and holds no earlier export ({ManifestFile}): give an empty or new folder."
            : null;
    }

    private const string ReachPath = "/reach";

    private sealed record Manifest(SortedDictionary<string, string> Files);

    private sealed record ExportedFile(string Name, byte[] Bytes);

    private static Dictionary<string, string> ReadManifest(string folder)
    {
        var path = Path.Combine(folder, ManifestFile);
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<Manifest>(File.ReadAllBytes(path))?.Files is { } files ? new(files, StringComparer.Ordinal) : [];
        }
        catch (JsonException)
        {
            // A damaged manifest only costs a full rewrite.
            return [];
        }
    }

    /// <summary>Replaces the file whole: a copy being served never shows half a page.</summary>
    private static async Task WriteAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".part";
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    private bool IsLiveOnly(string path)
    {
        var local = path;
        foreach (var edition in editions.All.Where(e => e.Prefix.Length > 0))
        {
            if (local.StartsWith(edition.Prefix + "/", StringComparison.Ordinal))
            {
                local = local[edition.Prefix.Length..];
                break;
            }
        }

        return LiveOnly.Any(prefix => local == prefix || local.StartsWith(prefix + "/", StringComparison.Ordinal) || local.StartsWith(prefix + "?", StringComparison.Ordinal));
    }

    /// <summary>One export's state: the addresses seen, the next wave to fetch, and what did not answer.</summary>
    private sealed class Crawl(MirrorExport export, Uri origin, MirrorExportRequest request)
    {
        private readonly ConcurrentDictionary<string, string> _seen = new(StringComparer.Ordinal);
        private readonly ConcurrentQueue<string> _next = new();
        private readonly ConcurrentBag<string> _broken = [];
        private readonly string _origin = origin.GetLeftPart(UriPartial.Authority);
        private readonly string _live = request.LiveUrl.TrimEnd('/');

        public IReadOnlyList<string> Broken => [.. _broken.Order(StringComparer.Ordinal)];

        /// <summary>Takes <paramref name="canonical"/> into the next wave unless seen; <paramref name="from"/> is the page linking to it.</summary>
        public void Enqueue(string canonical, string? from)
        {
            if (_seen.TryAdd(canonical, from ?? "(start)"))
            {
                _next.Enqueue(canonical);
            }
        }

        public List<string> NextWave()
        {
            var wave = new List<string>();
            while (_next.TryDequeue(out var path))
            {
                wave.Add(path);
            }

            return wave;
        }

        public async Task<ExportedFile?> FetchAsync(HttpClient client, string canonical, CancellationToken cancellationToken)
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, canonical);
            message.Headers.Host = origin.Authority;
            message.Headers.Add(StaticCopy.Header, StaticCopy.Token);
            using var response = await client.SendAsync(message, cancellationToken);
            var name = MirrorFiles.FileOf(canonical);
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                // An address the site moved (/ru to /ru/, an old slug): a page that sends the reader on, unless it is the same file.
                var target = SitePath(location.IsAbsoluteUri ? location.ToString() : location.OriginalString);
                if (target is null || export.IsLiveOnly(target.Value.Path))
                {
                    return null;
                }

                var to = MirrorFiles.Canonical(target.Value.Path);
                Enqueue(to, canonical);
                var file = MirrorFiles.FileOf(to);
                return file == name ? null : new ExportedFile(name, Encoding.UTF8.GetBytes(Forward(MirrorFiles.Relative(name, file))));
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                _broken.Add($"{canonical} ({(int)response.StatusCode}), linked from {_seen.GetValueOrDefault(canonical, "?")}");
                return null;
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var type = response.Content.Headers.ContentType?.MediaType ?? "";
            if (type == "text/html")
            {
                return new ExportedFile(name, Encoding.UTF8.GetBytes(RewritePage(Encoding.UTF8.GetString(bytes), name, canonical)));
            }

            if (type.EndsWith("xml", StringComparison.Ordinal))
            {
                return new ExportedFile(name, Encoding.UTF8.GetBytes(RewriteAbsolute(Encoding.UTF8.GetString(bytes), canonical)));
            }

            return new ExportedFile(name, bytes);
        }

        /// <summary>
        /// Every attribute naming an address of the site made relative (or sent to the live site), then the structured
        /// data's; addresses in the text (the "Reach us" page's own address of the site) are the reader's to read as they are.
        /// </summary>
        private string RewritePage(string html, string file, string canonical)
        {
            var rewritten = AttributeQuoted().Replace(html, match =>
            {
                var name = match.Groups["name"].Value;
                var value = WebUtility.HtmlDecode(match.Groups["value"].Value);
                var replaced = name == " srcset"
                    ? string.Join(", ", value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(candidate =>
                    {
                        var space = candidate.IndexOf(' ', StringComparison.Ordinal);
                        return space < 0 ? Link(candidate, file, canonical, absolute: false) : Link(candidate[..space], file, canonical, absolute: false) + candidate[space..];
                    }))
                    : Link(value, file, canonical, absolute: name == " content");
                return $"{name}=\"{WebUtility.HtmlEncode(replaced)}\"";
            });
            // A nonce is drawn per request and means nothing without the site's header; left in, every export would differ.
            return StructuredData().Replace(Nonce().Replace(rewritten, ""), data => data.Groups["open"].Value + RewriteAbsolute(data.Groups["json"].Value, canonical) + "</script>");
        }

        /// <summary>Absolute addresses of the site outside attributes (feeds, the sitemap, JSON-LD): on the copy's own address when it has one.</summary>
        private string RewriteAbsolute(string text, string canonical) =>
            Regex.Replace(text, Regex.Escape(_origin) + """(?<path>/[^"'<>\s\\]*)?""", match =>
            {
                var path = match.Groups["path"].Success ? WebUtility.HtmlDecode(match.Groups["path"].Value) : "/";
                var (sitePath, fragment) = SplitFragment(path);
                if (export.IsLiveOnly(sitePath))
                {
                    return match.Value;
                }

                var target = MirrorFiles.Canonical(sitePath);
                Enqueue(target, canonical);
                return request.BaseUrl is { } baseUrl ? MirrorFiles.WebAddress(baseUrl, MirrorFiles.FileOf(target)) + fragment : match.Value;
            }, RegexOptions.CultureInvariant);

        /// <summary>
        /// <paramref name="value"/> as the copy's page <paramref name="file"/> should link it: a page or file of the
        /// site relative (absolute on the copy's address when <paramref name="absolute"/>, as og:url must be), an
        /// address only the live site answers on <see cref="MirrorExportRequest.LiveUrl"/>, anything else unchanged.
        /// </summary>
        private string Link(string value, string file, string canonical, bool absolute)
        {
            if (SitePath(value) is not { } target || (absolute && !value.StartsWith(_origin, StringComparison.Ordinal)))
            {
                return value;
            }

            if (export.IsLiveOnly(target.Path))
            {
                return _live + target.Path + target.Fragment;
            }

            var to = MirrorFiles.Canonical(target.Path);
            Enqueue(to, canonical);
            var name = MirrorFiles.FileOf(to);
            if (absolute)
            {
                return request.BaseUrl is { } baseUrl ? MirrorFiles.WebAddress(baseUrl, name) : MirrorFiles.Relative(file, name);
            }

            return MirrorFiles.Relative(file, name) + target.Fragment;
        }

        /// <summary>The site's path and query (and fragment) in a link, or null when it leads elsewhere or nowhere.</summary>
        private (string Path, string Fragment)? SitePath(string value)
        {
            if (value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal))
            {
                return SplitFragment(value);
            }

            if (value.StartsWith(_origin, StringComparison.Ordinal) && (value.Length == _origin.Length || value[_origin.Length] is '/' or '?' or '#'))
            {
                var rest = value[_origin.Length..];
                return SplitFragment(rest.Length == 0 || rest[0] != '/' ? "/" + rest : rest);
            }

            return null;
        }

        private static (string Path, string Fragment) SplitFragment(string path)
        {
            var hash = path.IndexOf('#', StringComparison.Ordinal);
            return hash < 0 ? (path, "") : (path[..hash], path[hash..]);
        }

        private static string Forward(string relative)
        {
            var encoded = WebUtility.HtmlEncode(relative);
            return $"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0; url={encoded}\"><title>…</title></head><body><p><a href=\"{encoded}\">{encoded}</a></p></body></html>\n";
        }
    }
}
