using Microsoft.Net.Http.Headers;

namespace Masthead.Web;

/// <summary>How a kept page is answered: the encoding the reader accepts, its ETag, 304 when they have it, and the cache headers.</summary>
internal sealed class PageCacheResponses(Microsoft.Extensions.Options.IOptions<PageCacheOptions> options, IPageVariant? variant = null)
{
    private readonly string _publicCacheControl =
        $"public, max-age={(int)options.Value.BrowserMaxAge.TotalSeconds}, s-maxage={(int)options.Value.SharedMaxAge.TotalSeconds}, " +
        $"stale-while-revalidate={(int)options.Value.StaleWhileRevalidate.TotalSeconds}, stale-if-error={(int)options.Value.StaleIfError.TotalSeconds}";

    /// <summary>Scheme, host and path with the query: pages name their own absolute address, so the host is part of it.</summary>
    public static string Address(HttpRequest request) =>
        string.Concat(request.Scheme, "://", request.Host.Value, request.PathBase.Value, request.Path.Value, request.QueryString.Value);

    /// <summary>The cache key of one copy of an address: the shared copy's, or that of the copy <paramref name="variant"/> names.</summary>
    public static string Key(string? variant, string address) => variant is null ? "s " + address : "v:" + variant + " " + address;

    /// <summary>The copy of a varying page this request gets (null: the shared one).</summary>
    public string? VariantOf(HttpRequest request) => variant?.Of(request);

    /// <summary>Answers with <paramref name="page"/>; a <paramref name="personal"/> copy is marked so that no shared cache keeps it.</summary>
    public Task ServeAsync(HttpContext context, CachedPage page, bool personal)
    {
        var response = context.Response;
        var (body, etag, encoding) = page.For(Negotiate(context.Request));
        var headers = response.Headers;
        headers.CacheControl = personal ? "private, no-cache" : _publicCacheControl;
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
