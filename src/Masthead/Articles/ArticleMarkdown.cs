using Ganss.Xss;
using Markdig;

namespace Masthead.Articles;

/// <summary>
/// Turns an editor's Markdown into HTML that is safe to serve as-is: Markdig renders, HtmlSanitizer removes
/// anything that could run script or reach another host on its own (no iframes, no remote embeds, and images only from
/// this site's own <c>/media</c>).
/// </summary>
public static class ArticleMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseFootnotes()
        .UseAutoLinks()
        .UseFigures()
        .UseListExtras()
        .UseSmartyPants()
        .Build();

    /// <summary>Form controls, which no article or appeal may carry.</summary>
    public static readonly string[] FormTags = ["form", "input", "button", "select", "option", "optgroup", "textarea", "datalist", "output", "fieldset", "legend"];

    /// <summary>The attributes an image may carry; its URLs are checked by <see cref="KeepOnlyOwnImages"/>.</summary>
    private static readonly HashSet<string> ImageAttributes = new(["src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding"], StringComparer.Ordinal);

    // After FormTags and ImageAttributes, which it reads: static fields are set in the order they are written.
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>
    /// A backstop behind <see cref="MarkdownBudget"/>: a render still running after this long is given up on, so a
    /// pattern the budget does not know about cannot hold a save for minutes.
    /// </summary>
    private static readonly TimeSpan RenderLimit = TimeSpan.FromSeconds(5);

    /// <summary>The safe HTML, or null when the Markdown is over the renderer's budget or nests too deeply to render.</summary>
    public static string? TryToHtml(string markdown)
    {
        if (!MarkdownBudget.Allows(markdown))
        {
            return null;
        }

        var render = Task.Run(() =>
        {
            try
            {
                return SanitizeHtml(Markdown.ToHtml(markdown, Pipeline));
            }
            catch (ArgumentException)
            {
                // Markdig's depth limit: the input is machine-made, not something to publish.
                return null;
            }
        });
        return render.Wait(RenderLimit) ? render.Result : null;
    }

    /// <summary>The safe HTML; text that is over the budget is shown as plain, encoded text.</summary>
    public static string ToHtml(string markdown) => TryToHtml(markdown) ?? $"<p>{System.Net.WebUtility.HtmlEncode(markdown)}</p>";

    /// <summary>HTML written elsewhere (an imported body) made safe by the same rules as rendered Markdown.</summary>
    public static string SanitizeHtml(string html) => Sanitizer.Sanitize(html);

    /// <summary>Plain text for feeds' summaries and meta descriptions.</summary>
    public static string ToPlainText(string markdown) => Markdown.ToPlainText(markdown, Pipeline).Trim();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedAttributes.UnionWith(ImageAttributes);

        // A form in an article would post wherever it says from a page readers trust, and the feeds and the content
        // API hand the HTML to other sites that have no Content-Security-Policy of ours to stop it.
        sanitizer.AllowedTags.ExceptWith(FormTags);
        sanitizer.AllowedTags.UnionWith(["figure", "figcaption", "section"]);
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedAttributes.Add("id");
        sanitizer.AllowedSchemes.Remove("ftp");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.PostProcessNode += (_, e) =>
        {
            // Links to other sites must not tell them where the reader came from.
            if (e.Node is AngleSharp.Html.Dom.IHtmlAnchorElement anchor && anchor.HostName is { Length: > 0 })
            {
                anchor.SetAttribute("rel", "noopener noreferrer");
            }
        };
        sanitizer.PostProcessDom += (_, e) => KeepOnlyOwnImages(e.Document);
        return sanitizer;
    }

    /// <summary>
    /// An image is kept only when it and every candidate of its srcset is this site's own <c>/media/&lt;stored name&gt;</c>:
    /// a remote image would tell another host who reads what, and <c>data:</c> would skip the image check. A refused image
    /// leaves its alt text, so nothing the author wrote disappears.
    /// </summary>
    private static void KeepOnlyOwnImages(AngleSharp.Html.Dom.IHtmlDocument document)
    {
        foreach (var image in document.QuerySelectorAll("img").ToList())
        {
            foreach (var attribute in image.Attributes.Select(a => a.Name).Where(n => !ImageAttributes.Contains(n)).ToList())
            {
                image.RemoveAttribute(attribute);
            }

            if (image.GetAttribute("src") is { } src && MediaImages.IsMediaPath(src) && (image.GetAttribute("srcset") is not { } srcset || IsOwnSrcset(srcset)))
            {
                continue;
            }

            if (image.GetAttribute("alt") is { Length: > 0 } alt)
            {
                image.Parent!.InsertBefore(document.CreateTextNode(alt), image);
            }

            image.Remove();
        }
    }

    /// <summary>Every "url [descriptor]" candidate of a srcset names a stored image; a URL with a comma never does.</summary>
    private static bool IsOwnSrcset(string srcset) => srcset.Split(',').All(candidate =>
        candidate.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) is [var url, ..] parts && parts.Length <= 2 && MediaImages.IsMediaPath(url));
}
