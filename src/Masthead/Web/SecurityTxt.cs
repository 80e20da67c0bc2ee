using System.Globalization;
using Masthead.Newsroom;
using Microsoft.Extensions.Options;

namespace Masthead.Web;

/// <summary>
/// /.well-known/security.txt (RFC 9116): where to report a security problem to this newsroom, when it has said
/// (Masthead:Newsroom:SecurityContact). Expires a year ahead, as the RFC asks that stale contacts not be trusted.
/// </summary>
public static class SecurityTxt
{
    public const string Path = "/.well-known/security.txt";

    public static void MapSecurityTxt(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, (HttpContext context, IOptions<NewsroomOptions> newsroom, TimeProvider clock) =>
        {
            if (newsroom.Value.SecurityContact is not { Length: > 0 } contact)
            {
                return Results.NotFound();
            }

            var expires = clock.GetUtcNow().UtcDateTime.Date.AddYears(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            return Results.Text(
                $"Contact: {contact}\nExpires: {expires}\nPreferred-Languages: {newsroom.Value.Language}\nCanonical: {SiteUrls.Absolute(context, Path)}\n",
                "text/plain; charset=utf-8");
        });
}
