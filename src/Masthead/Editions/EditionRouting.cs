using System.Globalization;

namespace Masthead.Editions;

/// <summary>
/// Finds the request's edition, by its host name or its prefix, and prints the request in its language. A prefix
/// becomes the request's <c>PathBase</c>, so each page's own route serves every edition and the links ASP.NET Core
/// writes stay in it; <c>/ru</c> alone is sent on to <c>/ru/</c>. The admin is never under a prefix.
/// </summary>
public sealed class EditionRouting(RequestDelegate next, SiteEditions editions)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var edition = editions.ForHost(request.Host.Host);
        if (edition is null && editions.ForPath(request.Path) is { } prefixed)
        {
            request.Path.StartsWithSegments(prefixed.Prefix, StringComparison.OrdinalIgnoreCase, out var rest);
            if (!rest.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase))
            {
                if (!rest.HasValue)
                {
                    context.Response.Redirect(request.PathBase + prefixed.Prefix + "/" + request.QueryString, permanent: true);
                    return Task.CompletedTask;
                }

                request.PathBase = request.PathBase.Add(prefixed.Prefix);
                request.Path = rest;
                edition = prefixed;
            }
        }

        edition ??= editions.Default;
        context.Features.Set(edition);
        CultureInfo.CurrentCulture = edition.Culture;
        CultureInfo.CurrentUICulture = edition.Culture;
        return next(context);
    }
}
