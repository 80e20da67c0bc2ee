using System.Text;
using System.Text.RegularExpressions;

namespace Masthead.Import;

/// <summary>
/// WordPress's <c>wpautop</c>, done as a scan rather than its chain of regular expressions: the classic editor saves
/// text without <c>&lt;p&gt;</c>, a blank line between paragraphs and a single line break inside one. Text between
/// block-level tags is wrapped in paragraphs where a paragraph may stand (at the top, in a blockquote, or in a div or a
/// list item that holds several); elsewhere its line breaks become <c>&lt;br&gt;</c>. <c>pre</c>, <c>script</c>,
/// <c>style</c> and <c>textarea</c> are left exactly as they are. The pieces are joined by single line breaks, never
/// indented, so Markdown reads them as HTML blocks; a <c>pre</c> holding a blank line starts a block of its own.
/// </summary>
internal static partial class WordPressParagraphs
{
    private static readonly HashSet<string> Blocks = new(
        [
            "address", "article", "aside", "blockquote", "caption", "col", "colgroup", "dd", "details", "div", "dl", "dt",
            "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "legend",
            "li", "main", "menu", "nav", "ol", "p", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
        ],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Where a run of text with a blank line in it becomes paragraphs; elsewhere (p, h1, td...) it keeps line breaks.</summary>
    private static readonly HashSet<string> Flow = new(
        ["article", "aside", "blockquote", "dd", "details", "div", "figure", "footer", "form", "header", "li", "main", "nav", "section", "td", "th"],
        StringComparer.OrdinalIgnoreCase);

    private enum Kind
    {
        Open,
        Close,
        Paragraph,
        Inline,
        Raw,
    }

    private sealed record Piece(Kind Kind, string Html);

    /// <param name="html">The text, its shortcodes expanded.</param>
    /// <param name="outsidePre">A change made to text outside raw elements only, before it is wrapped.</param>
    public static string Wrap(string html, Func<string, string> outsidePre)
    {
        var pieces = new List<Piece>();
        var open = new List<string>();
        var i = 0;
        while (i < html.Length)
        {
            var raw = RawStart().Match(html, i);
            var end = raw.Success ? raw.Index : html.Length;
            Split(outsidePre(html[i..end]), pieces, open);
            if (!raw.Success)
            {
                break;
            }

            var close = html.IndexOf($"</{raw.Groups[1].Value}", raw.Index, StringComparison.OrdinalIgnoreCase);
            var closeEnd = close < 0 ? -1 : html.IndexOf('>', close);
            i = closeEnd < 0 ? html.Length : closeEnd + 1;
            pieces.Add(new Piece(Kind.Raw, html[raw.Index..i]));
        }

        return Join(pieces);
    }

    /// <summary>Splits text into block-level tags and the runs between them, keeping which blocks are open.</summary>
    private static void Split(string text, List<Piece> pieces, List<string> open)
    {
        var run = new StringBuilder();
        var nextGt = -1;
        var i = 0;
        while (WordPressBody.CopyTo('<', text, ref i, run) is var lt and >= 0)
        {
            var closing = lt + 1 < text.Length && text[lt + 1] == '/';
            var nameStart = lt + (closing ? 2 : 1);
            var nameEnd = nameStart;
            while (nameEnd < text.Length && char.IsAsciiLetterOrDigit(text[nameEnd]))
            {
                nameEnd++;
            }

            // One search for '>' answers every tag before it, so a text of many '<' stays linear.
            if (nextGt < lt && nextGt != int.MaxValue)
            {
                nextGt = text.IndexOf('>', lt) is var gt and >= 0 ? gt : int.MaxValue;
            }

            var name = text[nameStart..nameEnd];
            if (nextGt == int.MaxValue || !Blocks.Contains(name) || nameEnd >= text.Length || text[nameEnd] is not ('>' or '/' or ' ' or '\t' or '\n'))
            {
                run.Append('<');
                i = lt + 1;
                continue;
            }

            Flush(run, pieces, open);
            var tag = Whitespace().Replace(text[lt..(nextGt + 1)], " ");
            pieces.Add(new Piece(closing ? Kind.Close : Kind.Open, tag));
            if (closing)
            {
                var at = open.FindLastIndex(block => string.Equals(block, name, StringComparison.OrdinalIgnoreCase));
                if (at >= 0)
                {
                    open.RemoveRange(at, open.Count - at);
                }
            }
            else if (!tag.EndsWith("/>", StringComparison.Ordinal) && !name.Equals("hr", StringComparison.OrdinalIgnoreCase) && !name.Equals("col", StringComparison.OrdinalIgnoreCase))
            {
                open.Add(name);
            }

            i = nextGt + 1;
        }

        Flush(run, pieces, open);
    }

    private static void Flush(StringBuilder run, List<Piece> pieces, List<string> open)
    {
        var text = run.ToString();
        run.Clear();
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        var paragraphs = BlankLines().Split(InlineTagsOnOneLine(text).Trim());
        var parent = open.Count == 0 ? null : open[^1];
        if (parent is null || parent.Equals("blockquote", StringComparison.OrdinalIgnoreCase) || (paragraphs.Length > 1 && Flow.Contains(parent)))
        {
            pieces.AddRange(paragraphs.Select(paragraph => new Piece(Kind.Paragraph, $"<p>{Breaks(paragraph)}</p>")));
        }
        else
        {
            pieces.Add(new Piece(Kind.Inline, string.Join("<br>\n", paragraphs.Select(Breaks))));
        }
    }

    private static string Breaks(string paragraph) =>
        string.Join("<br>\n", paragraph.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Line breaks inside a tag (<c>&lt;a\nhref&gt;</c>) become spaces, so only the text's own become <c>&lt;br&gt;</c>.</summary>
    private static string InlineTagsOnOneLine(string text)
    {
        var chars = text.ToCharArray();
        var inTag = false;
        for (var i = 0; i < chars.Length; i++)
        {
            inTag = chars[i] switch
            {
                '<' => i + 1 < chars.Length && (char.IsAsciiLetter(chars[i + 1]) || chars[i + 1] == '/'),
                '>' => false,
                _ => inTag,
            };
            if (inTag && chars[i] == '\n')
            {
                chars[i] = ' ';
            }
        }

        return new string(chars);
    }

    private static string Join(List<Piece> pieces)
    {
        var html = new StringBuilder();
        Piece? previous = null;
        foreach (var piece in pieces)
        {
            if (previous is not null)
            {
                // CommonMark ends an HTML block at a blank line, except one begun by <pre>: so such a pre begins its own.
                html.Append(
                    piece.Kind == Kind.Raw && BlankLines().IsMatch(piece.Html) ? "\n\n"
                    : previous.Kind is Kind.Close or Kind.Paragraph or Kind.Raw || piece.Kind is Kind.Open or Kind.Paragraph or Kind.Raw ? "\n"
                    : "");
            }

            html.Append(piece.Html);
            previous = piece;
        }

        return html.ToString();
    }

    [GeneratedRegex(@"<(pre|script|style|textarea)[\s>/]", RegexOptions.IgnoreCase)]
    private static partial Regex RawStart();

    [GeneratedRegex(@"\n\s*\n", RegexOptions.NonBacktracking)]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"\s+", RegexOptions.NonBacktracking)]
    private static partial Regex Whitespace();
}
