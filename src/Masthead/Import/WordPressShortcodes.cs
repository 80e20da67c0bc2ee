using System.Buffers;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Masthead.Import;

/// <summary>
/// WordPress's shortcodes, turned into plain HTML: <c>[caption]</c> into a figure, <c>[gallery ids=..]</c> into a figure
/// of the attachments' images, <c>[embed]</c>, <c>[video]</c>, <c>[audio]</c> and <c>[youtube]</c> into a link (Masthead
/// serves no third-party players). Any other shortcode is left as text and named in the report. The scan is linear:
/// each bracket is looked at once, and a closing tag that is not there is searched for only once per name.
/// </summary>
internal static partial class WordPressShortcodes
{
    // A longer "[name ...]" is text with brackets in it, not a shortcode.
    private const int MaxTag = 4000;

    private static readonly SearchValues<char> Letters = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

    private static readonly HashSet<string> Known = ["caption", "wp_caption", "gallery", "embed", "video", "audio", "youtube"];

    private static readonly string[] VideoSources = ["src", "mp4", "m4v", "webm", "ogv", "wmv", "flv"];
    private static readonly string[] AudioSources = ["src", "mp3", "m4a", "ogg", "wav", "wma"];

    private sealed record Tag(string Name, string Attributes, bool IsClosing, int End);

    public static string Expand(string content, IReadOnlyDictionary<string, string> attachments, ImportReport report, IReadOnlyList<string>? attached = null)
    {
        var output = new StringBuilder(content.Length);
        var unclosed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (WordPressBody.CopyTo('[', content, ref i, output) is var open and >= 0)
        {
            if (Read(content, open) is not { } tag)
            {
                output.Append('[');
                i = open + 1;
                continue;
            }

            var name = tag.Name.ToLowerInvariant();
            var closed = tag.IsClosing || name is not ("caption" or "wp_caption" or "embed" or "video" or "audio")
                ? -1
                : Closing(content, name, tag.End, unclosed);
            var inner = closed < 0 ? "" : content[tag.End..closed];
            string? html = tag.IsClosing ? null : name switch
            {
                "caption" or "wp_caption" when closed >= 0 => Figure(inner, Attributes(tag.Attributes)),
                "gallery" => Gallery(Attributes(tag.Attributes), attachments, attached ?? [], report),
                "embed" when closed >= 0 => WordPressBody.LinkParagraph(inner, report),
                "video" => WordPressBody.LinkParagraph(Source(tag.Attributes, VideoSources), report),
                "audio" => WordPressBody.LinkParagraph(Source(tag.Attributes, AudioSources), report),
                "youtube" => WordPressBody.LinkParagraph(Source(tag.Attributes, []), report),
                _ => null,
            };

            if (html is null)
            {
                if (!Known.Contains(name))
                {
                    report.UnknownShortcodes.Add(name);
                }
                else if (!tag.IsClosing)
                {
                    report.Warn($"A [{name}] without its [/{name}] was left as text.");
                }

                output.Append(content, open, tag.End - open);
                i = tag.End;
            }
            else
            {
                output.Append(html);
                i = closed < 0 ? tag.End : closed + name.Length + 3;
            }
        }

        return output.ToString();
    }

    /// <summary>A <c>[name attributes]</c> or <c>[/name]</c> at <paramref name="open"/>; not for <c>[1]</c> or text that runs on.</summary>
    private static Tag? Read(string content, int open)
    {
        var i = open + 1;
        var closing = i < content.Length && content[i] == '/';
        var start = closing ? i + 1 : i;
        var end = start;
        while (end < content.Length && (char.IsAsciiLetterOrDigit(content[end]) || content[end] is '_' or '-'))
        {
            end++;
        }

        if (end == start || end >= content.Length || !content.AsSpan(start, end - start).ContainsAny(Letters)
            || content[end] is not (']' or ' ' or '\t' or '\n' or '/' or '='))
        {
            return null;
        }

        var limit = Math.Min(content.Length, end + MaxTag);
        var close = content.AsSpan(end, limit - end).IndexOfAny('[', ']');
        return close < 0 || content[end + close] != ']'
            ? null
            : new Tag(content[start..end], content[end..(end + close)].TrimEnd('/').Trim(), closing, end + close + 1);
    }

    /// <summary>Where <c>[/name]</c> starts after <paramref name="from"/>, or -1; a name found unclosed is not searched for again.</summary>
    private static int Closing(string content, string name, int from, HashSet<string> unclosed)
    {
        if (unclosed.Contains(name))
        {
            return -1;
        }

        var at = content.IndexOf($"[/{name}]", from, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            unclosed.Add(name);
        }

        return at;
    }

    private static Dictionary<string, string> Attributes(string text)
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match match in AttributePattern().Matches(text))
        {
            var value = match.Groups[2].Success ? match.Groups[2] : match.Groups[3].Success ? match.Groups[3] : match.Groups[4];
            attributes.TryAdd(match.Groups[1].Value, value.Value);
        }

        return attributes;
    }

    /// <summary>The first of the named attributes, else the URL standing first unnamed (<c>[audio https://..]</c>, <c>[youtube=https://..]</c>).</summary>
    private static string Source(string text, string[] names)
    {
        var attributes = Attributes(text);
        var first = text.TrimStart('=', ' ').Split(' ', 2)[0];
        return names.Select(attributes.GetValueOrDefault).FirstOrDefault(url => !string.IsNullOrWhiteSpace(url))
            ?? (NamedAttribute().IsMatch(first) ? "" : first);
    }

    /// <summary><c>[caption]&lt;img&gt; Text[/caption]</c>: the image (or its link) first, the caption after it or, in old posts, in the attribute.</summary>
    private static string Figure(string inner, Dictionary<string, string> attributes)
    {
        var match = CaptionedMedia().Match(inner);
        var media = match.Success ? match.Groups[1].Value : inner;
        var caption = match.Success ? match.Groups[2].Value.Trim() : "";
        if (caption.Length == 0 && attributes.TryGetValue("caption", out var legacy))
        {
            caption = legacy;
        }

        var figcaption = caption.Length > 0 ? $"<figcaption>{caption}</figcaption>" : "";
        return $"\n<figure>{WordPressBody.OneLine(media)}{WordPressBody.OneLine(figcaption)}</figure>\n";
    }

    /// <summary>A figure of the images <c>ids</c> names or, without ids, as WordPress does, of the images attached to the post.</summary>
    private static string Gallery(Dictionary<string, string> attributes, IReadOnlyDictionary<string, string> attachments, IReadOnlyList<string> attached, ImportReport report)
    {
        var ids = attributes.TryGetValue("ids", out var list) ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [.. attached];
        if (ids.Length == 0)
        {
            report.Warn("A [gallery] without ids whose post has no attached images in the export was dropped.");
            return "";
        }

        var missing = ids.Where(id => !attachments.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            report.Warn($"A [gallery] names images that are not among the export's attachments ({string.Join(", ", missing)}); they were left out.");
        }

        var images = ids.Where(attachments.ContainsKey).Select(id => $"<img src=\"{WebUtility.HtmlEncode(attachments[id])}\" alt=\"\">");
        return missing.Count == ids.Length ? "" : $"\n<figure class=\"gallery\">{string.Concat(images)}</figure>\n";
    }

    [GeneratedRegex(@"([\w-]+)\s*=\s*(?:""([^""]*)""|'([^']*)'|([^\s""']+))", RegexOptions.NonBacktracking)]
    private static partial Regex AttributePattern();

    [GeneratedRegex(@"^[\w-]+=")]
    private static partial Regex NamedAttribute();

    [GeneratedRegex(@"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", RegexOptions.NonBacktracking | RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex CaptionedMedia();
}
