using Microsoft.Net.Http.Headers;

namespace Masthead.Web;

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
        // A static copy's page differs from the site's and is asked for once: it is not kept.
        var policy = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && !StaticCopy.IsRequested(context)
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

        // A copy other than the shared one is this reader's alone (it follows their cookies), so no shared cache may keep it.
        var variant = policy.Varies ? responses.VariantOf(request) : null;
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
        var page = CachedPage.Create(buffer.ToArray(), response.ContentType ?? "application/octet-stream", tags, policy.Varies);
        page.Route = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRouteDiagnosticsMetadata>()?.Route;
        if (_options.Enabled)
        {
            cache.Store(PageCacheResponses.Key(variant, PageCacheResponses.Address(request)), page, generation, _options.MaxMegabytes * 1024L * 1024L);
        }

        await responses.ServeAsync(context, page, personal: variant is not null);
    }
}
