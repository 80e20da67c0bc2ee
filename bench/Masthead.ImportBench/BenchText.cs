using System.Text;

namespace Masthead.ImportBench;

/// <summary>
/// Seeded news-like text for the export files: each item gets its own generator from the seed and its number, so a
/// file is the same on every machine and an item the same whatever the size of the file.
/// </summary>
internal static class BenchText
{
    private static readonly string[] Words =
    [
        "council", "budget", "school", "river", "bridge", "mayor", "residents", "housing", "transport", "harbour",
        "district", "hospital", "library", "market", "festival", "election", "committee", "teachers", "parents", "police",
        "court", "ruling", "appeal", "tender", "contract", "road", "repairs", "winter", "heating", "prices",
        "farmers", "fishermen", "workers", "union", "strike", "museum", "theatre", "football", "club", "stadium",
        "the", "the", "the", "a", "a", "of", "of", "in", "in", "on", "to", "to", "and", "and", "for", "with", "after",
        "before", "said", "says", "will", "would", "could", "has", "have", "was", "were", "is", "are", "new", "old",
        "local", "city", "town", "village", "county", "regional", "national", "public", "private", "plan",
        "plans", "proposal", "vote", "votes", "meeting", "hearing", "report", "survey", "figures", "year", "month",
        "week", "spring", "summer", "autumn", "money", "funding", "grant", "loan", "tax", "fees", "rent", "owners",
        "tenants", "shops", "businesses", "jobs", "factory", "port", "railway", "station", "buses", "ferry",
        "water", "flood", "storm", "forest", "park", "square", "street", "centre", "north", "south", "east", "west",
        "officials", "minister", "spokesperson", "director", "chairman", "deputy", "opposition", "majority", "coalition",
        "decision", "delay", "cost", "costs", "million", "thousand", "percent", "more", "less", "than", "about",
        "because", "while", "though", "not", "yet", "still", "again", "only", "also", "already", "now", "later",
    ];

    private static readonly string[] Links =
    [
        "https://www.lsm.lv/", "https://en.wikipedia.org/wiki/Local_government", "https://example.gov/report.pdf",
        "https://www.riga.lv/en", "https://data.example.org/budget",
    ];

    public static Random For(int seed, int index) => new(unchecked((seed * 1_000_003) + index));

    public static string Title(Random random)
    {
        var words = new StringBuilder();
        var count = random.Next(5, 11);
        for (var i = 0; i < count; i++)
        {
            var word = Words[random.Next(Words.Length)];
            words.Append(i == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
            words.Append(i == count - 1 ? "" : " ");
        }

        return words.ToString();
    }

    public static string Slug(string title, int id) => title.ToLowerInvariant().Replace(' ', '-') + "-" + id;

    /// <summary>One sentence; with <paramref name="markup"/>, now and then a link, bold or italic words.</summary>
    public static void Sentence(Random random, StringBuilder text, bool markup)
    {
        var count = random.Next(8, 24);
        for (var i = 0; i < count; i++)
        {
            var word = Words[random.Next(Words.Length)];
            if (i == 0)
            {
                word = char.ToUpperInvariant(word[0]) + word[1..];
            }

            var roll = markup ? random.Next(60) : 99;
            text.Append(roll switch
            {
                0 => $"<a href=\"{Links[random.Next(Links.Length)]}\">{word}</a>",
                1 => $"<strong>{word}</strong>",
                2 => $"<em>{word}</em>",
                3 => $"{word} &amp;",
                _ => word,
            });
            text.Append(i == count - 1 ? "" : i % 9 == 8 ? ", " : " ");
        }

        text.Append(random.Next(12) == 0 ? "?" : ".");
    }

    /// <summary>A paragraph of 2 to 6 sentences, as plain text with inline markup.</summary>
    public static string Paragraph(Random random, bool markup, string lineBreak = " ")
    {
        var text = new StringBuilder();
        var sentences = random.Next(2, 7);
        for (var i = 0; i < sentences; i++)
        {
            Sentence(random, text, markup);
            // A single line break inside a classic-editor paragraph (wpautop makes it a <br>).
            text.Append(i == sentences - 1 ? "" : random.Next(10) == 0 ? lineBreak : " ");
        }

        return text.ToString();
    }

    public static string Name(Random random)
    {
        string[] first = ["Anna", "Jānis", "Marta", "Pēteris", "Laura", "Oskars", "Ilze", "Roberts", "Kate", "Tom", "Sara", "Liam", "O'Brien", "Zoë"];
        string[] last = ["Bērziņa", "Kalniņš", "Smith", "Ozola", "Jones", "Liepa", "García", "Novak", "Walsh", "Dubois"];
        return $"{first[random.Next(first.Length)]} {last[random.Next(last.Length)]}";
    }
}
