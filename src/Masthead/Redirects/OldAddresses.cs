using Masthead.Data;
using Masthead.Web;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Redirects;

/// <summary>
/// Answers an old address with 301 to its new one. Only what would otherwise be "not found" is looked up, so no page
/// of the site pays for it; the exception is WordPress's <c>?p=42</c> and <c>?page_id=42</c>, which reach the front page
/// and are looked up first.
/// </summary>
public sealed class OldAddresses(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, MastheadDb db)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) || context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            await next(context);
            return;
        }

        var address = request.PathBase.Add(request.Path) + request.QueryString;
        if (request.Query.ContainsKey("p") || request.Query.ContainsKey("page_id"))
        {
            if (await FindAsync(db, address, context.RequestAborted) is { } early)
            {
                Answer(context, early);
                return;
            }
        }

        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status404NotFound && !context.Response.HasStarted
            && await FindAsync(db, address, context.RequestAborted) is { } late)
        {
            Answer(context, late);
        }
    }

    private static async Task<string?> FindAsync(MastheadDb db, string address, CancellationToken cancellationToken) =>
        RedirectPaths.Normalize(address) is { } path
            ? await db.Redirects.AsNoTracking().Where(r => r.FromPath == path).Select(r => r.ToPath).FirstOrDefaultAsync(cancellationToken)
            : null;

    private static void Answer(HttpContext context, string to)
    {
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
        context.Response.Headers.Location = SiteUrls.LocalPathOr(to, "/");

        // Search engines and browsers may keep a permanent redirect; a day lets an editor's correction reach them.
        context.Response.Headers.CacheControl = "public, max-age=86400";
    }
}
