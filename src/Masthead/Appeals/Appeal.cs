using Masthead.Data;

namespace Masthead.Appeals;

/// <summary>The newsroom's message after every article: its own words, and the two buttons.</summary>
public sealed class Appeal : IVersioned
{
    public const int MaxBody = 4000;
    public const int NameLength = 100;
    public const int LabelLength = 60;
    public const int TopicLength = 200;
    public const int AskLength = 200;

    public int Id { get; set; }

    /// <summary>For editors only, e.g. "Year-end 2026".</summary>
    public required string Name { get; set; }

    /// <summary>The code of the edition whose readers see it: each edition has its own appeals, in its language.</summary>
    public string Edition { get; set; } = "";

    public string BodyMarkdown { get; set; } = "";
    public string BodyHtml { get; set; } = "";
    public string ContinueLabel { get; set; } = "Continue";

    /// <summary>The frequency the contribution form opens with after Continue; null for the form's own.</summary>
    public Contributions.Frequency? DefaultFrequency { get; set; }

    /// <summary>The amounts the form offers instead of the settings', as typed ("3 5 10", in the edition's currency); null for the settings'.</summary>
    public string? SuggestedAmounts { get; set; }

    /// <summary>The line above Continue; null for the standard one, which names the monthly minimum ("Support us monthly, from $2…").</summary>
    public string? AskLine { get; set; }
    public string NotTodayLine { get; set; } = "Not today?";
    public string SnoozeLabel { get; set; } = "Remind me later";

    /// <summary>How long "Remind me later" hides the appeal.</summary>
    public int SnoozeDays { get; set; } = 7;

    /// <summary>Switched on: readers of its edition whose browser matches its audience see it, within its dates.</summary>
    public bool IsActive { get; set; }

    /// <summary>Who sees it, decided in the reader's browser from its own state (<see cref="AppealAudience"/>).</summary>
    public AppealAudience Audience { get; set; } = AppealAudience.Readers;

    /// <summary>Shown only to readers of at least this many articles in the last <see cref="ReadingWeeks"/> weeks; 0 for any.</summary>
    public int MinArticles { get; set; }

    /// <summary>Shown only to readers of fewer than this many articles in the last <see cref="ReadingWeeks"/> weeks; null for no limit.</summary>
    public int? BelowArticles { get; set; }

    public int ReadingWeeks { get; set; } = 4;

    /// <summary>The slug of a topic the reader has read in those weeks, or null for any.</summary>
    public string? Topic { get; set; }

    public AppealPlacement Placement { get; set; } = AppealPlacement.EndOfArticle;

    /// <summary>Lower first: per placement, a reader sees the first matching appeal in this order.</summary>
    public int Priority { get; set; } = 100;

    /// <summary>A campaign's dates (a year-end drive); null for open-ended.</summary>
    public DateTimeOffset? StartsAt { get; set; }

    public DateTimeOffset? EndsAt { get; set; }

    /// <summary>A banner shows at most this many times in <see cref="BannerCapDays"/> days in one browser.</summary>
    public int BannerCapShowings { get; set; } = 3;

    public int BannerCapDays { get; set; } = 30;

    /// <summary>At least this many days between two showings of the banner in one browser.</summary>
    public int BannerGapDays { get; set; } = 1;

    /// <summary>Whether the banner may show on the same page as an end-of-article appeal.</summary>
    public bool BannerWithArticleAppeal { get; set; }

    /// <summary>The running or ended A/B/n test of its text, with <see cref="Variants"/> beside this appeal (the control).</summary>
    public AppealTestStatus Test { get; set; }

    public DateTimeOffset? TestStartedAt { get; set; }

    /// <summary>Showings per variant the test was planned for; the result says "too early" until each has them.</summary>
    public int TestPlannedShowings { get; set; }

    public List<AppealVariant> Variants { get; set; } = [];

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Counts the editors' saves; EF compares it on every update (a concurrency token), so a save from a stale form is refused.</summary>
    public int Version { get; set; }
}
