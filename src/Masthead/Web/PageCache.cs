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
public sealed class PageCache
{
    private const string TagsItem = "Masthead.PageCache.Tags";

    private readonly ConcurrentDictionary<string, CachedPage> _pages = new(StringComparer.Ordinal);
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

    /// <summary>Drops every page that carries any of <paramref name="tags"/>.</summary>
    public void Evict(params string[] tags)
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

    /// <summary>Drops every page, e.g. after an author's name changed in every byline.</summary>
    public void EvictAll()
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

    /// <summary>Keeps the page unless an eviction happened since <paramref name="generation"/>; trims to <paramref name="maxBytes"/>.</summary>
    internal void Store(string key, CachedPage page, long generation, long maxBytes)
    {
        if (page.Size > maxBytes / 8)
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
            Interlocked.Add(ref _bytes, -page.Size);
        }
    }
}

/// <summary>One version of a page: its bytes in each encoding, made once, and the headers that describe them.</summary>
internal sealed class CachedPage
{
    private CachedPage(byte[] identity, byte[]? gzip, byte[]? brotli, string etag, string contentType, IReadOnlyList<string> tags, DateTimeOffset storedAt)
    {
        (Identity, Gzip, Brotli, ETag, ContentType, Tags, StoredAt) = (identity, gzip, brotli, etag, contentType, tags, storedAt);
    }

    public byte[] Identity { get; }

    public byte[]? Gzip { get; }

    public byte[]? Brotli { get; }

    /// <summary>Of the identity bytes; each encoding adds a suffix, since a strong ETag names exact bytes.</summary>
    public string ETag { get; }

    public string ContentType { get; }

    public IReadOnlyList<string> Tags { get; }

    public DateTimeOffset StoredAt { get; }

    public long LastUsed { get; set; }

    public long Size => Identity.Length + (Gzip?.Length ?? 0) + (Brotli?.Length ?? 0) + 256;

    /// <summary>A page with every encoding made now (to keep), or only <paramref name="only"/> (to answer once, uncached).</summary>
    public static CachedPage Create(byte[] identity, string contentType, IReadOnlyList<string> tags, DateTimeOffset now, Encoding? only = null)
    {
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(identity).AsSpan(0, 12)) + "\"";
        var gzip = only is null or Encoding.Gzip ? Compress(identity, Encoding.Gzip) : null;
        var brotli = only is null or Encoding.Brotli ? Compress(identity, Encoding.Brotli) : null;
        return new CachedPage(identity, gzip, brotli, etag, contentType, tags, now);
    }

    public enum Encoding
    {
        Identity,
        Gzip,
        Brotli,
    }

    public (byte[] Body, string ETag, string? ContentEncoding) For(Encoding encoding) => encoding switch
    {
        Encoding.Brotli when Brotli is not null => (Brotli, ETag[..^1] + "-br\"", "br"),
        Encoding.Gzip when Gzip is not null => (Gzip, ETag[..^1] + "-gz\"", "gzip"),
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
/// Serves <see cref="PublicCacheAttribute"/> endpoints from <see cref="PageCache"/> and stores their 200 answers; gives
/// every other answer <c>Cache-Control: private, no-store</c> unless it says otherwise, so nothing personal (admin,
/// manage, checkout, magic links) is ever kept by a browser's back button, a proxy or a CDN. Runs after routing, so it
/// knows the endpoint, and before authentication, which public pages do not need.
/// </summary>
internal sealed class PageCacheMiddleware(
    RequestDelegate next, PageCache cache, Microsoft.Extensions.Options.IOptions<PageCacheOptions> options, TimeProvider clock,
    Contributions.SupporterPass pass)
{
    private const string NotCached = "private, no-store";
    private readonly PageCacheOptions _options = options.Value;
    private readonly string _publicCacheControl =
        $"public, max-age={(int)options.Value.BrowserMaxAge.TotalSeconds}, s-maxage={(int)options.Value.SharedMaxAge.TotalSeconds}, " +
        $"stale-while-revalidate={(int)options.Value.StaleWhileRevalidate.TotalSeconds}, stale-if-error={(int)options.Value.StaleIfError.TotalSeconds}";

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

        // The reader's own cookies choose between the two variants; the hidden one is theirs alone, so no shared cache keeps it.
        var hidden = policy.VariesByAppeal && Appeals.AppealVisibility.IsHiddenFor(request, clock.GetUtcNow(), pass);
        var key = string.Concat(hidden ? "h " : "s ", request.Scheme, "://", request.Host.Value, request.PathBase.Value, request.Path.Value, request.QueryString.Value);
        if (_options.Enabled && cache.TryGet(key, out var kept))
        {
            await ServeAsync(context, kept, hidden);
            return;
        }

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
        var contentType = response.ContentType ?? "application/octet-stream";
        var page = _options.Enabled
            ? CachedPage.Create(buffer.ToArray(), contentType, tags, clock.GetUtcNow())
            : CachedPage.Create(buffer.ToArray(), contentType, tags, clock.GetUtcNow(), Negotiate(request));
        if (_options.Enabled)
        {
            cache.Store(key, page, generation, _options.MaxMegabytes * 1024L * 1024L);
        }

        await ServeAsync(context, page, hidden);
    }

    private async Task ServeAsync(HttpContext context, CachedPage page, bool hidden)
    {
        var response = context.Response;
        var (body, etag, encoding) = page.For(Negotiate(context.Request));
        var headers = response.Headers;
        headers.CacheControl = hidden ? "private, no-cache" : _publicCacheControl;
        headers.ETag = etag;
        headers.Vary = HeaderNames.AcceptEncoding;
        var age = (long)(clock.GetUtcNow() - page.StoredAt).TotalSeconds;
        headers.Age = age > 0 ? age.ToString(System.Globalization.CultureInfo.InvariantCulture) : "0";
        if (page.MatchesAny(context.Request.Headers.IfNoneMatch))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = page.ContentType;
        if (encoding is not null)
        {
            headers.ContentEncoding = encoding;
        }

        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    /// <summary>Brotli if the reader accepts it, else gzip, else none; "q=0" refuses an encoding.</summary>
    private static CachedPage.Encoding Negotiate(HttpRequest request)
    {
        var accepted = request.Headers.AcceptEncoding;
        if (accepted.Count == 0)
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
