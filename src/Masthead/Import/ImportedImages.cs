using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Masthead.Import;

/// <summary>
/// Points an imported body's images at this site's own copies: every <c>img</c>'s <c>src</c> and <c>srcset</c> candidates
/// become <c>/media/{name}</c>, the one form the article sanitizer lets through (<c>ArticleMarkdown</c>). An image that
/// cannot be had becomes a link to where it was, named by its alt text or file name, so the reader can still find it; a
/// <c>picture</c> becomes its <c>img</c>, since its sources would be other hosts'.
/// </summary>
public static class ImportedImages
{
    private static readonly HtmlParser Parser = new();

    /// <param name="html">The item's body, an HTML fragment.</param>
    /// <param name="siteUrl">The export's site: relative URLs are taken against it.</param>
    /// <param name="store">Stores the image at an absolute URL (or a relative one, without a site URL) and gives its stored name, or null.</param>
    /// <returns>The body, a fragment again.</returns>
    public static async Task<string> RewriteAsync(string html, Uri? siteUrl, Func<string, Task<string?>> store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var document = Parser.ParseDocument("<!DOCTYPE html><html><body></body></html>");
        var body = document.Body!;
        body.InnerHtml = html;
        foreach (var picture in body.QuerySelectorAll("picture").ToList())
        {
            if (picture.QuerySelector("img") is { } inner)
            {
                picture.Replace(inner);
            }
            else
            {
                picture.Remove();
            }
        }

        foreach (var image in body.QuerySelectorAll("img").OfType<IHtmlImageElement>().ToList())
        {
            var src = Absolute(image.GetAttribute("src"), siteUrl);
            if (src is not null && await store(src) is { } name)
            {
                image.SetAttribute("src", "/media/" + name);
                await RewriteSrcsetAsync(image, siteUrl, store);
            }
            else
            {
                image.Replace(Fallback(document, image, src));
            }
        }

        return body.InnerHtml;
    }

    /// <summary>Each candidate stored and renamed; one that cannot be had is left out, and an empty srcset removed.</summary>
    private static async Task RewriteSrcsetAsync(IElement image, Uri? siteUrl, Func<string, Task<string?>> store)
    {
        if (image.GetAttribute("srcset") is not { } srcset)
        {
            return;
        }

        var kept = new List<string>();
        foreach (var candidate in srcset.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = candidate.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
            if (Absolute(parts[0], siteUrl) is { } url && await store(url) is { } name)
            {
                kept.Add(parts.Length == 2 ? $"/media/{name} {parts[1]}" : "/media/" + name);
            }
        }

        if (kept.Count > 0)
        {
            image.SetAttribute("srcset", string.Join(", ", kept));
        }
        else
        {
            image.RemoveAttribute("srcset");
        }
    }

    /// <summary>A link to the image that could not be had; inside a link already, just its text (links do not nest).</summary>
    private static INode Fallback(IDocument document, IElement image, string? src)
    {
        var text = image.GetAttribute("alt") is { Length: > 0 } alt ? alt
            : src is null ? "" : Path.GetFileName(Uri.TryCreate(src, UriKind.Absolute, out var url) ? url.AbsolutePath : src);
        if (src is null || image.Closest("a") is not null || !Uri.TryCreate(src, UriKind.Absolute, out _))
        {
            return document.CreateTextNode(text);
        }

        var link = document.CreateElement("a");
        link.SetAttribute("href", src);
        link.TextContent = text;
        return link;
    }

    private static string? Absolute(string? url, Uri? siteUrl)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        url = url.Trim();
        return siteUrl is not null && Uri.TryCreate(siteUrl, url, out var resolved) ? resolved.AbsoluteUri : url;
    }
}
