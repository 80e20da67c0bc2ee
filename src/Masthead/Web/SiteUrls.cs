using Masthead.Newsroom;

namespace Masthead.Web;

/// <summary>Addresses of the site's pages.</summary>
public static class SiteUrls
{
    /// <summary><paramref name="path"/> as an absolute URL for a page (canonical links, feeds, the sitemap): see <see cref="PublicAddress.ForPage"/>.</summary>
    public static string Absolute(HttpContext context, string path) =>
        context.RequestServices.GetRequiredService<PublicAddress>().ForPage(context, path);

    /// <summary>
    /// <paramref name="path"/> as a redirect target that can only lead to a page of this site, or
    /// <paramref name="fallback"/>. It must start with one slash, with no second slash or backslash after it and no
    /// control character (browsers drop tabs and line breaks, so "/\t/evil" becomes "//evil"). Every character outside
    /// printable ASCII is percent-encoded as UTF-8: a response header holds ASCII only, and an encoded "。" or "／" is
    /// inert where a browser might read the raw one as a dot or a slash.
    /// </summary>
    public static string LocalPathOr(string? path, string fallback)
    {
        if (path is not { Length: > 0 and < 500 } || path[0] != '/' || path.Contains('\\') || path.Any(char.IsControl)
            || (path.Length > 1 && path[1] == '/'))
        {
            return fallback;
        }

        if (path.All(c => c is > ' ' and < (char)0x7F))
        {
            return path;
        }

        var encoded = new System.Text.StringBuilder(path.Length * 3);
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c is > ' ' and < (char)0x7F)
            {
                encoded.Append(c);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < path.Length && char.IsLowSurrogate(path[i + 1]))
            {
                encoded.Append(Uri.EscapeDataString(path.AsSpan(i++, 2)));
            }
            else if (char.IsSurrogate(c))
            {
                return fallback;
            }
            else
            {
                encoded.Append(Uri.EscapeDataString(c.ToString()));
            }
        }

        return encoded.ToString();
    }

    public static string Article(string slug) => $"/articles/{slug}";

    public static string Tag(string slug) => $"/tags/{slug}";

    public static string Author(string slug) => $"/authors/{slug}";
}
