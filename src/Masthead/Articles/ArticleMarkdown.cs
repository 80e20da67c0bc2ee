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

    /// <summary>What an editor is told when <see cref="TryToHtml"/> gives up.</summary>
    public const string TooDeep = "The text is nested too deeply to show (quotes, lists or brackets inside each other hundreds of times); simplify it.";

    /// <summary>The safe HTML, or null when the Markdown nests too deeply for Markdig to render it.</summary>
    public static string? TryToHtml(string markdown)
    {
        try
        {
            return Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));
        }
        catch (ArgumentException)
        {
            // Markdig's depth limit: the input is machine-made, not something to publish.
            return null;
        }
    }

    /// <summary>The safe HTML; text that nests too deeply is shown as plain, encoded text.</summary>
    public static string ToHtml(string markdown) => TryToHtml(markdown) ?? $"<p>{System.Net.WebUtility.HtmlEncode(markdown)}</p>";

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
