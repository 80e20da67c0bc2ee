namespace Masthead.Appeals;

/// <summary>Who an appeal is for, as the reader's own browser knows it: the supporter pass it holds, or none.</summary>
public enum AppealAudience
{
    /// <summary>Everyone who does not support us now: never gave, or gave and stopped.</summary>
    Readers,

    /// <summary>No supporter pass in this browser, ever.</summary>
    NeverGave,

    /// <summary>A pass whose paid-through date has passed: gave, and stopped or lapsed.</summary>
    FormerSupporters,

    /// <summary>A pass that is paid through now: they see a thank-you note, never an ask.</summary>
    Supporters,
}

/// <summary>Where on the page an appeal shows. No pop-up: nothing ever covers the article.</summary>
public enum AppealPlacement
{
    EndOfArticle,
    BannerTop,
    BannerBottom,
}

public enum AppealTestStatus
{
    None,
    Running,
    Ended,
}
