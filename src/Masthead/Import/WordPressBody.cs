using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Masthead.Import;

/// <summary>
/// A WordPress post's <c>content:encoded</c> made into the HTML an article holds: the block editor's comments (and every
/// other comment, <c>&lt;!--more--&gt;</c> included) removed, shortcodes expanded (<see cref="WordPressShortcodes"/>),
/// embeds and iframes made plain links, and the classic editor's blank-line paragraphs made <c>&lt;p&gt;</c>
/// (<see cref="WordPressParagraphs"/>). The result is also valid Markdown source: one CommonMark HTML block after another.
/// </summary>
public static partial class WordPressBody
{
    /// <param name="content">The item's <c>content:encoded</c>.</param>
    /// <param name="attachments">Attachment URLs by post id, which <c>[gallery ids=".."]</c> names.</param>
    /// <param name="report">Takes the warnings and the unknown shortcodes.</param>
    /// <param name="attached">The ids of the images attached to this post, which a <c>[gallery]</c> without ids shows.</param>
    public static string ToHtml(string content, IReadOnlyDictionary<string, string> attachments, ImportReport report, IReadOnlyList<string>? attached = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(report);
        var text = Comments().Replace(content.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'), "");
        text = WordPressShortcodes.Expand(text, attachments, report, attached);
        return WordPressParagraphs.Wrap(text, outsidePre => BareUrls().Replace(Iframes(outsidePre, report), match => LinkParagraph(match.Groups[1].Value, report)));
    }

    /// <summary>A paragraph holding a plain link to an embed's URL (no player, no iframe), or nothing for a URL that is not the web's.</summary>
    internal static string LinkParagraph(string url, ImportReport report)
    {
        var address = WebUtility.HtmlDecode(url.Trim());
        if (address.StartsWith("//", StringComparison.Ordinal))
        {
            address = "https:" + address;
        }

        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            report.Warn($"An embed of \"{address}\", which is not a web address, was dropped.");
            return "";
        }

        var encoded = WebUtility.HtmlEncode(address);
        return $"\n<p><a href=\"{encoded}\">{encoded}</a></p>\n";
    }

    /// <summary>Copies the text from <paramref name="i"/> up to the next <paramref name="mark"/> and gives where it is, or copies the rest and gives -1.</summary>
    internal static int CopyTo(char mark, string text, ref int i, StringBuilder output)
    {
        var at = i < text.Length ? text.IndexOf(mark, i) : -1;
        var end = at < 0 ? text.Length : at;
        output.Append(text, i, end - i);
        i = end;
        return at;
    }

    /// <summary>Text on one line: a line break inside an HTML block could leave a blank line, which would end it in Markdown.</summary>
    internal static string OneLine(string html) => Whitespace().Replace(html, " ");

    /// <summary>Each <c>&lt;iframe src=..&gt;&lt;/iframe&gt;</c> made a link to its source.</summary>
    private static string Iframes(string html, ImportReport report)
    {
        var output = new StringBuilder(html.Length);
        var i = 0;
        var unclosed = false;
        while (IframeStart().Match(html, i) is { Success: true } start)
        {
            var tagEnd = html.IndexOf('>', start.Index);
            if (tagEnd < 0)
            {
                break;
            }

            var close = unclosed ? -1 : html.IndexOf("</iframe>", tagEnd, StringComparison.OrdinalIgnoreCase);
            unclosed = close < 0;
            var source = Source().Match(html, start.Index, tagEnd - start.Index);
            output.Append(html, i, start.Index - i)
                .Append(source.Success ? LinkParagraph(source.Groups[1].Value + source.Groups[2].Value + source.Groups[3].Value, report) : "");
            i = close < 0 ? tagEnd + 1 : close + "</iframe>".Length;
        }

        return output.Append(html, i, html.Length - i).ToString();
    }

    [GeneratedRegex("<!--.*?-->", RegexOptions.NonBacktracking | RegexOptions.Singleline)]
    private static partial Regex Comments();

    // WordPress's oEmbed: a URL alone on its line.
    [GeneratedRegex(@"^[ \t]*(https?://[^\s<>""]+)[ \t]*$", RegexOptions.NonBacktracking | RegexOptions.Multiline)]
    private static partial Regex BareUrls();

    [GeneratedRegex(@"<iframe\b", RegexOptions.IgnoreCase)]
    private static partial Regex IframeStart();

    [GeneratedRegex(@"\bsrc\s*=\s*(?:""([^""]*)""|'([^']*)'|([^\s>""']+))", RegexOptions.NonBacktracking | RegexOptions.IgnoreCase)]
    private static partial Regex Source();

    [GeneratedRegex(@"\s+", RegexOptions.NonBacktracking)]
    private static partial Regex Whitespace();
}
