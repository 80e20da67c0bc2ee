namespace Masthead.Reach;

/// <summary>
/// <c>Onion-Location</c> on every answer when the newsroom has an onion address of the live site: Tor Browser then
/// offers the reader the same page there, where no network in between can block or watch it. Runs before the page
/// cache, so cached pages carry it too; not on the onion address itself.
/// </summary>
public sealed class OnionLocation(RequestDelegate next, MirrorList mirrors)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Host.Host.EndsWith(".onion", StringComparison.OrdinalIgnoreCase)
            && (await mirrors.ReadAsync(context.RequestAborted)).Onion is { } onion)
        {
            context.Response.Headers["Onion-Location"] = onion + context.Request.PathBase + context.Request.Path + context.Request.QueryString;
        }

        await next(context);
    }
}
