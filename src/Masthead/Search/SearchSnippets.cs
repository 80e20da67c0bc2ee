using System.Text;
using System.Text.RegularExpressions;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Masthead.Search;

/// <summary>
/// A window of the article's text around its best match, words of the query wrapped in &lt;mark&gt;, everything else
/// HTML-encoded. Words are compared by their terms, so "sanction" marks "sanctions" and "санкции" marks "санкций".
/// </summary>
public static partial class SearchSnippets
{
    /// <summary>Words in a snippet; a few before the first match give it context.</summary>
    public const int Width = 30;

    private const int Lead = 5;

    // Every script as itself, as the site's own encoder writes it (WebEncoderOptions): "санкций", not "&#x441;...".
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Of(string text, IReadOnlyCollection<string> terms)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(terms);
        text = SearchWords.Normalized(text);
        var words = SearchWords.Words(text);
        if (words.Count == 0)
        {
            return "";
        }

        var wanted = terms.ToHashSet(StringComparer.Ordinal);
        bool Matches(int i) => words[i].Term is { } term && wanted.Contains(term);
        var start = BestStart(words, wanted);
        var end = Math.Min(words.Count, start + Width);
        var html = new StringBuilder();
        if (start > 0)
        {
            html.Append("… ");
        }

        var position = words[start].Start;
        for (var i = start; i < end; i++)
        {
            html.Append(Encoder.Encode(WhiteSpace().Replace(text[position..words[i].Start], " ")));
            var word = text.Substring(words[i].Start, words[i].Length);
            html.Append(Matches(i) ? $"<mark>{Encoder.Encode(word)}</mark>" : Encoder.Encode(word));
            position = words[i].End;
        }

        // The punctuation that closes the last word ("sanctions." or "санкций»") belongs to it.
        var next = end < words.Count ? words[end].Start : text.Length;
        var closing = position;
        while (closing < next && !char.IsWhiteSpace(text[closing]))
        {
            closing++;
        }

        html.Append(Encoder.Encode(text[position..closing]));
        if (end < words.Count)
        {
            html.Append(" …");
        }

        return html.ToString();
    }

    /// <summary>
    /// Where the window starts: a little before the match whose window holds the most distinct query words, then
    /// the most matches; the first such. At most the first hundred matches are tried, so a word on every line of a
    /// long article costs little (a page of twenty results for a common word spent more here than in the database).
    /// </summary>
    private static int BestStart(List<SearchWord> words, HashSet<string> wanted)
    {
        var (best, bestDistinct, bestHits) = (0, 0, 0);
        var tried = 0;
        for (var i = 0; i < words.Count && tried < 100; i++)
        {
            if (words[i].Term is not { } term || !wanted.Contains(term))
            {
                continue;
            }

            tried++;
            var start = Math.Max(0, i - Lead);
            var hits = words.GetRange(start, Math.Min(Width, words.Count - start)).Select(w => w.Term).Where(t => t is not null && wanted.Contains(t)).ToList();
            var distinct = hits.Distinct(StringComparer.Ordinal).Count();
            if (distinct > bestDistinct || (distinct == bestDistinct && hits.Count > bestHits))
            {
                (best, bestDistinct, bestHits) = (start, distinct, hits.Count);
            }
        }

        return best;
    }

    // Line breaks and runs of spaces between paragraphs read as one space in a snippet.
    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
