namespace Masthead.Newsletters;

/// <summary>A newsletter readers may subscribe to, in one edition's language.</summary>
public sealed class NewsletterList
{
    public const int NameLength = 100;
    public const int DescriptionLength = 500;

    public int Id { get; set; }

    /// <summary>The code of the edition whose readers see it and whose language its issues are written in.</summary>
    public required string Edition { get; set; }

    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public NewsletterKind Kind { get; set; }

    /// <summary>
    /// The hour (0–23, the newsroom's time zone) a <see cref="NewsletterKind.DailyBriefing"/> or
    /// <see cref="NewsletterKind.Weekly"/> goes out; <see cref="DefaultHour"/> when unset.
    /// </summary>
    public int? Hour { get; set; }

    /// <summary>The hour of a briefing or weekly list that names none.</summary>
    public const int DefaultHour = 8;

    /// <summary>The hour it goes out: <see cref="Hour"/>, or the default for none (or one no clock shows, so one bad row stops no other list).</summary>
    public int SendingHour => Hour is >= 0 and <= 23 ? Hour.Value : DefaultHour;

    /// <summary>Off: not offered on the subscribe page and nothing sent; its subscribers are kept.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>
    /// For the lists that send themselves: the moment they began (<see cref="ListIssues"/> sets it when it first sees the
    /// list on, and keeps it at its last look while the list is off). Nothing published and no briefing due before it is sent.
    /// </summary>
    public DateTimeOffset? SendsFrom { get; set; }

    /// <summary>Where it stands among the edition's lists.</summary>
    public int Position { get; set; }
}

/// <summary>What makes an issue of a list.</summary>
public enum NewsletterKind
{
    /// <summary>Issues composed and sent by an editor.</summary>
    Manual,

    /// <summary>One message for each article published in the list's edition.</summary>
    EveryArticle,

    /// <summary>Once a day at the list's hour: the articles published since the day before.</summary>
    DailyBriefing,

    /// <summary>On Sundays at the list's hour: the articles published since the Sunday before.</summary>
    Weekly,
}
