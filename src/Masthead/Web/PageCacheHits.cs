namespace Masthead.Web;

/// <summary>
/// Answers from <see cref="PageCache"/> before routing, so a kept page costs a dictionary lookup and a write. The key
/// is the address plus the copy <see cref="IPageVariant"/> names for this reader; a page that does not vary serves everyone.
/// </summary>
internal sealed class PageCacheHits(RequestDelegate next, PageCache cache, PageCacheResponses responses, Microsoft.Extensions.Options.IOptions<PageCacheOptions> options)
{
    private readonly bool _enabled = options.Value.Enabled;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (_enabled && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && !StaticCopy.IsRequested(context))
        {
            var address = PageCacheResponses.Address(request);
            var variant = responses.VariantOf(request);
            if ((variant is not null && cache.TryGet(PageCacheResponses.Key(variant, address), out var page))
                || (cache.TryGet(PageCacheResponses.Key(null, address), out page) && !(variant is not null && page.Varies)))
            {
                Operations.MastheadMetrics.PageCacheHit(context, page.Route);
                return responses.ServeAsync(context, page, personal: variant is not null && page.Varies);
            }
        }

        return next(context);
    }
}
