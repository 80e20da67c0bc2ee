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

    /// <summary>Whether <paramref name="markdown"/> is within both budgets.</summary>
    public static bool Allows(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var (total, paragraph, fenced) = (0, 0, false);
        foreach (var range in markdown.AsSpan().Split('\n'))
        {
            var line = markdown.AsSpan(range);
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("```") || trimmed.StartsWith("~~~"))
            {
                fenced = !fenced;
                continue;
            }

            if (trimmed.IsWhiteSpace())
            {
                paragraph = 0;
                continue;
            }

            if (fenced)
            {
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
