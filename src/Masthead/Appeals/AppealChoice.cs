namespace Masthead.Appeals;

/// <summary>What a browser knows of its reader, as the admin describes one: "never gave, 12 articles in four weeks".</summary>
public enum ReaderState
{
    NeverGave,
    FormerSupporter,
    Supporter,

    /// <summary>Pressed "Remind me later" and still within its days.</summary>
    Snoozed,
}

/// <summary>
/// A reader as the admin describes one: what their browser holds, how many articles they read in the last
/// <see cref="Weeks"/> weeks (taken as spread evenly over them), and a topic they read in that time, if any.
/// </summary>
public sealed record DescribedReader(ReaderState State, int Articles, int Weeks, string? Topic)
{
    /// <summary>Articles read in the last <paramref name="weeks"/> weeks, this one included: a share of the described weeks, rounded down.</summary>
    public int ArticlesIn(int weeks) => weeks >= Weeks ? Articles : (int)((long)Articles * weeks / Weeks);

    /// <summary>Whether an article on <paramref name="topic"/> was among those read in the last <paramref name="weeks"/> weeks.</summary>
    public bool ReadOn(string topic, int weeks) => string.Equals(Topic, topic, StringComparison.Ordinal) && ArticlesIn(weeks) > 0;
}

/// <summary>Why an appeal is not the one a described reader sees: each a key of the admin's text.</summary>
public enum AppealMiss
{
    None,
    ForSupporters,
    Supporting,
    SnoozedNow,
    GaveBefore,
    NeverSupported,
    TooFewArticles,
    TooManyArticles,
    OffTopic,
    EarlierMatch,
    BesideEndAppeal,
}

/// <summary>
/// The reader script's choice (wwwroot/reader.js, <c>matches</c>, <c>choose</c> and <c>showBanner</c>) made on the
/// server for a described reader, so the admin can say which appeal each placement would show. The two are kept in
/// step by a browser test that sets a reader's state in Chromium and compares what the script shows with this.
/// Banner caps are taken as not yet reached: the preview is of a showing that is allowed.
/// </summary>
public static class AppealChoice
{
    /// <summary><see cref="AppealMiss.None"/> when <paramref name="appeal"/>'s rule takes this reader, else why not.</summary>
    public static AppealMiss Misses(AppealView appeal, DescribedReader reader)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        ArgumentNullException.ThrowIfNull(reader);
        if (appeal.Audience == AppealAudience.Supporters)
        {
            return reader.State == ReaderState.Supporter ? AppealMiss.None : AppealMiss.ForSupporters;
        }

        var read = reader.ArticlesIn(appeal.ReadingWeeks);
        return reader.State switch
        {
            ReaderState.Supporter => AppealMiss.Supporting,
            ReaderState.Snoozed => AppealMiss.SnoozedNow,
            ReaderState.FormerSupporter when appeal.Audience == AppealAudience.NeverGave => AppealMiss.GaveBefore,
            not ReaderState.FormerSupporter when appeal.Audience == AppealAudience.FormerSupporters => AppealMiss.NeverSupported,
            _ when read < appeal.MinArticles => AppealMiss.TooFewArticles,
            _ when appeal.BelowArticles is { } below && read >= below => AppealMiss.TooManyArticles,
            _ when appeal.Topic is { } topic && !reader.ReadOn(topic, appeal.ReadingWeeks) => AppealMiss.OffTopic,
            _ => AppealMiss.None,
        };
    }

    /// <summary>The appeal (its control) shown after the article and the banner shown with it, or null for none.</summary>
    public static (AppealView? End, AppealView? Banner) Choose(IReadOnlyList<AppealView> appeals, DescribedReader reader)
    {
        ArgumentNullException.ThrowIfNull(appeals);
        var end = First(appeals, reader, AppealPlacement.EndOfArticle);
        var banner = First(appeals, reader, AppealPlacement.BannerTop) ?? First(appeals, reader, AppealPlacement.BannerBottom);
        return (end, banner is not null && (end is null || banner.BannerWithArticleAppeal) ? banner : null);
    }

    /// <summary>For each appeal of the page (controls only), whether it is shown and else why not.</summary>
    public static IReadOnlyList<(AppealView Appeal, AppealMiss Miss)> Explain(IReadOnlyList<AppealView> appeals, DescribedReader reader)
    {
        ArgumentNullException.ThrowIfNull(appeals);
        var (end, banner) = Choose(appeals, reader);
        var firstBanner = First(appeals, reader, AppealPlacement.BannerTop) ?? First(appeals, reader, AppealPlacement.BannerBottom);
        return [.. appeals.Where(a => a.Variant == 0).Select(appeal => (appeal, Misses(appeal, reader) is var miss && miss != AppealMiss.None ? miss
            : ReferenceEquals(appeal, end) || ReferenceEquals(appeal, banner) ? AppealMiss.None
            : ReferenceEquals(appeal, firstBanner) ? AppealMiss.BesideEndAppeal
            : AppealMiss.EarlierMatch))];
    }

    private static AppealView? First(IReadOnlyList<AppealView> appeals, DescribedReader reader, AppealPlacement placement) =>
        appeals.OrderBy(a => a.Order).FirstOrDefault(a => a.Placement == placement && a.Variant == 0 && Misses(a, reader) == AppealMiss.None);
}
