using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Masthead.Web;

/// <summary>
/// Marks an endpoint whose successful answers are the same for every reader, so <see cref="PageCache"/> may keep them:
/// at most two copies when <see cref="VariesByAppeal"/> (appeal shown, appeal hidden). <paramref name="tags"/> name what
/// the page shows, so that changing it evicts the page; a page adds tags of its own with <see cref="PageCache.Tag"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class PublicCacheAttribute(params string[] tags) : Attribute
{
    public IReadOnlyList<string> Tags { get; } = tags;

    public bool VariesByAppeal { get; init; }
}

/// <summary>What cached pages show. Evicting a tag drops every page that carries it.</summary>
public static class CacheTags
{
    /// <summary>Every list of articles: the front, tag and author pages, the feeds, the sitemap, the content API's list.</summary>
    public const string Lists = "lists";

    /// <summary>Pages that show the active appeal.</summary>
    public const string Appeal = "appeal";

    public static string Article(int id) => "article:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Bound from <c>Masthead:Cache</c>.</summary>
public sealed class PageCacheOptions
{
    /// <summary>Off: every page is rendered from the database every time (for measuring; headers stay the same).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Memory for cached pages, all encodings counted; the least recently used pages go first.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 65536)]
    public int MaxMegabytes { get; set; } = 128;

    /// <summary>
    /// How long browsers may keep a public page without asking. None by default: a reader who just gave or snoozed must
    /// get the other variant of a page seen a minute ago, and news must not wait; asking again with the ETag costs a 304.
    /// </summary>
    public TimeSpan BrowserMaxAge { get; set; } = TimeSpan.Zero;

    /// <summary>How long a CDN may keep a public page; we cannot evict it there, so this bounds how stale it may get.</summary>
    public TimeSpan SharedMaxAge { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a CDN may serve a copy past its age while it fetches a new one, and while this server is failing.</summary>
    public TimeSpan StaleWhileRevalidate { get; set; } = TimeSpan.FromSeconds(300);

    public TimeSpan StaleIfError { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>
/// Public pages held in memory, rendered once per version and compressed once (Brotli and gzip), served with an ETag
/// and answered 304 when the reader already has it. Nothing is kept by time: what changes evicts the pages that show it
/// (publish, edit, unpublish, a scheduled article going live, an appeal change), so readers never get stale news.
/// </summary>
public sealed partial class PageCache
{
    private const string TagsItem = "Masthead.PageCache.Tags";

    private readonly ConcurrentDictionary<string, CachedPage> _pages = new(StringComparer.Ordinal);

    // The addresses of recent pages the full cache turned away, by hash, one per slot (a newer one takes the slot).
    private readonly int[] _turnedAway = new int[1024];
    private readonly Lock _trimming = new();
    private long _bytes;
    private long _generation;
    private long _uses;

    /// <summary>Changes at every eviction: a page rendered before an eviction and finished after it is not kept.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public int Count => _pages.Count;

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Adds a tag to the page being rendered, e.g. the article it shows.</summary>
    public static void Tag(HttpContext context, string tag)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items[TagsItem] is not List<string> tags)
        {
            context.Items[TagsItem] = tags = [];
        }

        tags.Add(tag);
    }

    internal static IEnumerable<string> TagsOf(HttpContext context) => context.Items[TagsItem] as List<string> ?? [];

    /// <summary>
    /// Drops every page that carries any of <paramref name="tags"/>, here and (on PostgreSQL) on every other node, told
    /// right after. A change made in a transaction uses <see cref="CommitAndEvictAsync"/>, which tells them in it.
    /// </summary>
    public void Evict(params string[] tags)
    {
        EvictHere(tags);
        Announce?.Invoke(tags);
    }

    /// <summary>Drops every page that carries any of <paramref name="tags"/> on this node only.</summary>
    internal void EvictHere(params string[] tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        Interlocked.Increment(ref _generation);
        foreach (var (key, page) in _pages)
        {
            if (page.Tags.Any(tags.Contains))
            {
                Remove(key, page);
            }
        }
    }

    /// <summary>Drops every page, e.g. after an author's name changed in every byline, here and on every other node.</summary>
    public void EvictAll()
    {
        EvictAllHere();
        Announce?.Invoke(null);
    }

    /// <summary>Drops every page on this node only.</summary>
    internal void EvictAllHere()
    {
        Interlocked.Increment(ref _generation);
        foreach (var (key, page) in _pages)
        {
            Remove(key, page);
        }
    }

    internal bool TryGet(string key, out CachedPage page)
    {
        if (_pages.TryGetValue(key, out page!))
        {
            page.LastUsed = Interlocked.Increment(ref _uses);
            return true;
        }

        return false;
    }

    /// <summary>
    /// Keeps the page unless an eviction happened since <paramref name="generation"/>; trims to <paramref name="maxBytes"/>.
    /// Past nine tenths of the bound (where a trim brings it back to), a page must be asked for twice within a short
    /// while to be kept: otherwise every archive page read once would push out a page readers come back to, and such
    /// pages, living just long enough to reach the garbage collector's older generations, made memory grow for as long
    /// as those reads went on (bench/results/soak.md).
    /// </summary>
    internal void Store(string key, CachedPage page, long generation, long maxBytes)
    {
        if (page.Size > maxBytes / 8 || (Bytes + page.Size > maxBytes * 9 / 10 && FirstAskSince(key)))
        {
            return;
        }

        page.LastUsed = Interlocked.Increment(ref _uses);
        _pages.AddOrUpdate(key, page, (_, old) =>
        {
            Interlocked.Add(ref _bytes, -old.Size);
            return page;
        });
        Interlocked.Add(ref _bytes, page.Size);

        // Checked after adding: an eviction that ran while this page was rendering may have missed it.
        if (Generation != generation)
        {
            Remove(key, page);
        }

        if (Bytes > maxBytes)
        {
            Trim(maxBytes * 9 / 10);
        }
    }

    /// <summary>Whether <paramref name="key"/> was not turned away lately; remembers it if so.</summary>
    private bool FirstAskSince(string key)
    {
        var hash = StringComparer.Ordinal.GetHashCode(key);
        ref var slot = ref _turnedAway[(uint)hash % (uint)_turnedAway.Length];
        var mark = hash | 1; // never 0, which marks an empty slot
        if (Volatile.Read(ref slot) == mark)
        {
            return false;
        }

        Volatile.Write(ref slot, mark);
        return true;
    }

    private void Trim(long target)
    {
        if (!_trimming.TryEnter())
        {
            return;
        }

        try
        {
            foreach (var (key, page) in _pages.ToArray().OrderBy(p => p.Value.LastUsed))
            {
                if (Bytes <= target)
                {
                    break;
                }

                Remove(key, page);
            }
        }
        finally
        {
            _trimming.Exit();
        }
    }

    private void Remove(string key, CachedPage page)
    {
        if (_pages.TryRemove(new KeyValuePair<string, CachedPage>(key, page)))
        {
            Operations.MastheadMetrics.PageCacheEvicted();
            Interlocked.Add(ref _bytes, -page.Size);
        }
    }
}

/// <summary>
/// One version of a page and the headers that describe it. Each compressed encoding is made the first time a reader
/// asks for it and kept with the page, so it is computed once per version, never per request, and never for an
/// encoding nobody asked for.
/// </summary>
internal sealed class CachedPage
{
    private byte[]? _gzip;
    private byte[]? _brotli;
    private string? _gzipETag;
    private string? _brotliETag;

    private CachedPage(byte[] identity, string etag, string contentType, IReadOnlyList<string> tags, bool variesByAppeal)
    {
        (Identity, ETag, ContentType, Tags, VariesByAppeal) = (identity, etag, contentType, tags, variesByAppeal);
    }

    public byte[] Identity { get; }

    /// <summary>Of the identity bytes; each encoding adds a suffix, since a strong ETag names exact bytes.</summary>
    public string ETag { get; }

    public string ContentType { get; }

    public IReadOnlyList<string> Tags { get; }

    /// <summary>Whether a reader's cookies pick another copy of this address; a page that does not vary serves everyone.</summary>
    public bool VariesByAppeal { get; }

    public long LastUsed { get; set; }

    /// <summary>The route pattern that made the page (e.g. /{slug}), for the request metrics of the answers served from the cache.</summary>
    public string? Route { get; set; }

    /// <summary>Memory held, counted when stored: the plain bytes and room for both encodings (about a third of them).</summary>
    public long Size => Identity.Length * 4L / 3 + 256;

    public static CachedPage Create(byte[] identity, string contentType, IReadOnlyList<string> tags, bool variesByAppeal) =>
        new(identity, "\"" + Convert.ToHexStringLower(SHA256.HashData(identity).AsSpan(0, 12)) + "\"", contentType, tags, variesByAppeal);

    public enum Encoding
    {
        Identity,
        Gzip,
        Brotli,
    }

    public (byte[] Body, string ETag, string? ContentEncoding) For(Encoding encoding) => encoding switch
    {
        // Two readers may compress the same page at once; both get the same bytes, and one copy is kept.
        Encoding.Brotli => (_brotli ??= Compress(Identity, Encoding.Brotli), _brotliETag ??= ETag[..^1] + "-br\"", "br"),
        Encoding.Gzip => (_gzip ??= Compress(Identity, Encoding.Gzip), _gzipETag ??= ETag[..^1] + "-gz\"", "gzip"),
        _ => (Identity, ETag, null),
    };

    /// <summary>Whether If-None-Match names this page in any encoding (weak comparison, as RFC 9110 asks for GET).</summary>
    public bool MatchesAny(StringValues ifNoneMatch)
    {
        var bare = ETag.AsSpan(1, ETag.Length - 2);
        foreach (var header in ifNoneMatch)
        {
            foreach (var part in (header ?? "").Split(','))
            {
                var tag = part.Trim();
                if (tag == "*")
                {
                    return true;
                }

                var value = tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
                if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
                {
                    continue;
                }

                var inner = value.AsSpan(1, value.Length - 2);
                if (inner.SequenceEqual(bare) || (inner.Length == bare.Length + 3 && inner.StartsWith(bare) && inner[bare.Length..] is "-br" or "-gz"))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static byte[] Compress(byte[] identity, Encoding encoding)
    {
        using var output = new MemoryStream(identity.Length / 3);
        using (Stream compressor = encoding == Encoding.Gzip
            ? new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)
            : new BrotliStream(output, new BrotliCompressionOptions { Quality = 6 }, leaveOpen: true))
        {
            compressor.Write(identity);
        }

        return output.ToArray();
    }
}

/// <summary>
/// Answers from <see cref="PageCache"/> before routing, so a kept page costs a dictionary lookup and a write. The key
/// is the address plus the appeal variant the reader's own cookies choose; a page that does not vary serves everyone.
/// </summary>
internal sealed class PageCacheHits(RequestDelegate next, PageCache cache, PageCacheResponses responses, Microsoft.Extensions.Options.IOptions<PageCacheOptions> options)
{
    private readonly bool _enabled = options.Value.Enabled;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (_enabled && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            var address = PageCacheResponses.Address(request);
            var hidden = responses.AppealHidden(request);
            if ((hidden && cache.TryGet("h " + address, out var page))
                || (cache.TryGet("s " + address, out page) && !(hidden && page.VariesByAppeal)))
            {
                Operations.MastheadMetrics.PageCacheHit(context, page.Route);
                return responses.ServeAsync(context, page, hidden && page.VariesByAppeal);
            }
        }

        return next(context);
    }
}

/// <summary>
/// After routing: keeps the 200 answers of <see cref="PublicCacheAttribute"/> endpoints that <see cref="PageCacheHits"/>
/// did not have, and gives every other answer <c>Cache-Control: private, no-store</c> unless it says otherwise, so
/// nothing personal (admin, manage, checkout, magic links) is ever kept by a browser's back button, a proxy or a CDN.
/// </summary>
internal sealed class PageCacheMiddleware(
    RequestDelegate next, PageCache cache, PageCacheResponses responses, Microsoft.Extensions.Options.IOptions<PageCacheOptions> options)
{
    private const string NotCached = "private, no-store";
    private readonly PageCacheOptions _options = options.Value;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var policy = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            ? context.GetEndpoint()?.Metadata.GetMetadata<PublicCacheAttribute>()
            : null;
        if (policy is null)
        {
            context.Response.OnStarting(static state =>
            {
                var response = (HttpResponse)state;
                if (string.IsNullOrEmpty(response.Headers.CacheControl))
                {
                    response.Headers.CacheControl = NotCached;
                }

                return Task.CompletedTask;
            }, context.Response);
            await next(context);
            return;
        }

        Operations.MastheadMetrics.PageCacheMiss();

        // The hidden variant is this reader's alone (it follows their cookies), so no shared cache may keep it.
        var hidden = policy.VariesByAppeal && responses.AppealHidden(request);
        var generation = cache.Generation;
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var response = context.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.ContainsKey(HeaderNames.SetCookie)
            || !string.IsNullOrEmpty(response.Headers.ContentEncoding) || response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.Ordinal))
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
            return;
        }

        var tags = policy.Tags.Concat(PageCache.TagsOf(context)).Distinct(StringComparer.Ordinal).ToArray();
        var page = CachedPage.Create(buffer.ToArray(), response.ContentType ?? "application/octet-stream", tags, policy.VariesByAppeal);
        page.Route = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRouteDiagnosticsMetadata>()?.Route;
        if (_options.Enabled)
        {
            cache.Store((hidden ? "h " : "s ") + PageCacheResponses.Address(request), page, generation, _options.MaxMegabytes * 1024L * 1024L);
        }

        await responses.ServeAsync(context, page, hidden);
    }
}

/// <summary>How a kept page is answered: the encoding the reader accepts, its ETag, 304 when they have it, and the cache headers.</summary>
internal sealed class PageCacheResponses(Microsoft.Extensions.Options.IOptions<PageCacheOptions> options, TimeProvider clock, Contributions.SupporterPass pass)
{
    private readonly string _publicCacheControl =
        $"public, max-age={(int)options.Value.BrowserMaxAge.TotalSeconds}, s-maxage={(int)options.Value.SharedMaxAge.TotalSeconds}, " +
        $"stale-while-revalidate={(int)options.Value.StaleWhileRevalidate.TotalSeconds}, stale-if-error={(int)options.Value.StaleIfError.TotalSeconds}";

    /// <summary>Scheme, host and path with the query: pages name their own absolute address, so the host is part of it.</summary>
    public static string Address(HttpRequest request) =>
        string.Concat(request.Scheme, "://", request.Host.Value, request.PathBase.Value, request.Path.Value, request.QueryString.Value);

    /// <summary>Whether this reader snoozed the appeal or supports us; only read when they carry a cookie at all.</summary>
    public bool AppealHidden(HttpRequest request) =>
        request.Headers.ContainsKey(HeaderNames.Cookie) && Appeals.AppealVisibility.IsHiddenFor(request, clock.GetUtcNow(), pass);

    public Task ServeAsync(HttpContext context, CachedPage page, bool hidden)
    {
        var response = context.Response;
        var (body, etag, encoding) = page.For(Negotiate(context.Request));
        var headers = response.Headers;
        headers.CacheControl = hidden ? "private, no-cache" : _publicCacheControl;
        headers.ETag = etag;
        headers.Vary = HeaderNames.AcceptEncoding;
        if (page.MatchesAny(context.Request.Headers.IfNoneMatch))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = page.ContentType;
        if (encoding is not null)
        {
            headers.ContentEncoding = encoding;
        }

        response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    /// <summary>Brotli if the reader accepts it, else gzip, else none; "q=0" refuses an encoding.</summary>
    private static CachedPage.Encoding Negotiate(HttpRequest request)
    {
        if (request.Headers.AcceptEncoding.Count == 0)
        {
            return CachedPage.Encoding.Identity;
        }

        bool brotli = false, gzip = false;
        foreach (var value in request.GetTypedHeaders().AcceptEncoding)
        {
            if (value.Quality is 0)
            {
                continue;
            }

            brotli |= value.Value.Equals("br", StringComparison.OrdinalIgnoreCase);
            gzip |= value.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase);
        }

        return brotli ? CachedPage.Encoding.Brotli : gzip ? CachedPage.Encoding.Gzip : CachedPage.Encoding.Identity;
    }
}
