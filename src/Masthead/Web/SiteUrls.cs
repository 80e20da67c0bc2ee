using Masthead.Newsroom;
using Microsoft.Extensions.Options;

namespace Masthead.Web;

/// <summary>Absolute addresses for canonical links, feeds and the sitemap.</summary>
public static class SiteUrls
{
    public static string Absolute(HttpContext context, string path)
    {
        var configured = context.RequestServices.GetRequiredService<IOptions<NewsroomOptions>>().Value.BaseUrl;
        var root = string.IsNullOrEmpty(configured)
            ? $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}"
            : configured.TrimEnd('/');
        return root + path;
    }

    public static string Article(string slug) => $"/articles/{slug}";

    public static string Tag(string slug) => $"/tags/{slug}";

    public static string Author(string slug) => $"/authors/{slug}";
}
