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

    /// <summary>
    /// Whether <paramref name="path"/> can only lead to a page of this site: one leading slash, no second slash or
    /// backslash after it, and no control character (browsers drop tabs and line breaks, so "/\t/evil" becomes "//evil").
    /// </summary>
    public static bool IsLocalPath([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? path) =>
        path is { Length: > 0 and < 500 } && path[0] == '/' && !path.Contains('\\') && !path.Any(char.IsControl)
        && (path.Length == 1 || path[1] != '/');

    public static string Article(string slug) => $"/articles/{slug}";

    public static string Tag(string slug) => $"/tags/{slug}";

    public static string Author(string slug) => $"/authors/{slug}";
}
