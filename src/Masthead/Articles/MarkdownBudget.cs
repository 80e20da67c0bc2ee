namespace Masthead.Articles;

/// <summary>
/// How much work a text may ask of the Markdown renderer, counted before rendering so the answer is the same on any
/// machine. Markdig matches emphasis and link openers within a paragraph by pairs, so a paragraph of thousands of
/// unclosed openers ("[a](" 16,000 times: 10 s of CPU) costs the square of their number; real reporting has a few
/// dozen per paragraph. A run of one character ("*****") counts once, as the renderer treats it as one delimiter,
/// and fenced code is not counted, since it is not parsed for either. At both limits the worst text measured (40
/// paragraphs of 300 "[a](") renders in about half a second on the 2-core machine the project is built on.
/// </summary>
public static class MarkdownBudget
{
    /// <summary>Openers (runs of <c>[ * _ ~ = ^ + &gt;</c>) allowed in one paragraph.</summary>
    public const int PerParagraph = 300;

    /// <summary>Openers allowed in the whole text.</summary>
    public const int Total = 12_000;

    private const string Openers = "[*_~=^+>";

    /// <summary>The tags that open CommonMark's HTML block of type 6 (spec 0.31, 4.6), whose lines are passed through unparsed.</summary>
    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col", "colgroup", "dd",
        "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset",
        "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "iframe", "legend", "li", "link", "main", "menu",
        "menuitem", "meta", "nav", "noframes", "ol", "optgroup", "option", "p", "param", "search", "section", "summary", "table",
        "tbody", "td", "tfoot", "th", "thead", "title", "tr", "track", "ul",
    };

    /// <summary>Whether <paramref name="markdown"/> is within both budgets.</summary>
    public static bool Allows(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var (total, paragraph, fenced, html) = (0, 0, false, false);
        foreach (var range in markdown.AsSpan().Split('\n'))
        {
            var line = markdown.AsSpan(range);
            var trimmed = line.TrimStart();
            if (trimmed.IsWhiteSpace())
            {
                (paragraph, html) = (0, false);
                continue;
            }

            // Raw HTML runs to the next blank line, whatever it holds (a "```" in it opens no fence).
            if (html)
            {
                continue;
            }

            if (trimmed.StartsWith("```") || trimmed.StartsWith("~~~"))
            {
                fenced = !fenced;
                continue;
            }

            if (fenced)
            {
                continue;
            }

            // A block tag may open an HTML block even in the middle of a paragraph (indented by at most three spaces).
            if (line.Length - trimmed.Length < 4 && OpensHtmlBlock(trimmed))
            {
                html = true;
                continue;
            }

            var openers = Count(line);
            (total, paragraph) = (total + openers, paragraph + openers);
            if (paragraph > PerParagraph || total > Total)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the line starts with <c>&lt;tag</c> or <c>&lt;/tag</c> of a block tag, followed by a space, a tab, "&gt;", "/&gt;" or its end.</summary>
    private static bool OpensHtmlBlock(ReadOnlySpan<char> line)
    {
        if (line.Length < 2 || line[0] != '<')
        {
            return false;
        }

        var name = line[(line[1] == '/' ? 2 : 1)..];
        var end = 0;
        while (end < name.Length && char.IsAsciiLetterOrDigit(name[end]))
        {
            end++;
        }

        var after = name[end..];
        return end > 0 && BlockTags.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name[..end])
            && (after.IsEmpty || after[0] is ' ' or '\t' or '>' || after.StartsWith("/>"));
    }

    private static int Count(ReadOnlySpan<char> line)
    {
        var count = 0;
        for (var i = 0; i < line.Length; i++)
        {
            if (Openers.Contains(line[i]) && (i == 0 || line[i - 1] != line[i]))
            {
                count++;
            }
        }

        return count;
    }
}
