using Ganss.Xss;
using Markdig;

namespace Masthead.Articles;

/// <summary>
/// Turns an editor's Markdown into HTML that is safe to serve as-is: Markdig renders, HtmlSanitizer removes
/// anything that could run script or reach another host on its own (no iframes, no remote embeds).
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

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string ToHtml(string markdown) => Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));

    /// <summary>Plain text for feeds' summaries and meta descriptions.</summary>
    public static string ToPlainText(string markdown) => Markdown.ToPlainText(markdown, Pipeline).Trim();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Remove("img");
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
        return sanitizer;
    }
}
