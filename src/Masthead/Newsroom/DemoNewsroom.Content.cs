namespace Masthead.Newsroom;

/// <summary>The demo newsroom's authors and articles, written for the demo (fictional people and events).</summary>
public static partial class DemoNewsroom
{
    public sealed record DemoAuthor(string Name, string Bio);
    /// <summary>An article of the default edition, or of <paramref name="Edition"/>; a translation names its original's headline.</summary>
    public sealed record DemoArticle(
        string Headline, string Standfirst, string Dateline, string[] Authors, string[] Tags, int HoursAgo, string Markdown, string? Edition = null, string? TranslationOf = null);

    public static readonly DemoAuthor[] Authors =
    [
        new(
            Name: "Daria Lebedeva",
            Bio: "Daria Lebedeva covers Russian politics and the regions. Born in Yekaterinburg, she reported for regional newspapers in the Urals before leaving the country in 2022, and now works from Riga."),
        new(
            Name: "Jonathan Hale",
            Bio: "Jonathan Hale is The Meridian's foreign editor. He spent a decade as a correspondent in Moscow and Kyiv and edits the newsroom's investigations."),
    ];

    /// <summary>In the order they are seeded.</summary>
    public static readonly DemoArticle[] Articles = [.. Reporting(), .. FeaturesAndNotes(), .. RussianEdition()];
}
