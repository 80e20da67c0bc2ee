using Masthead.Appeals;
using Masthead.Articles;

namespace Masthead.SeedCorpus;

/// <summary>Which appeals the corpus's newsroom asks with (<c>--appeals</c>), so bench/appeal-pages.sh can weigh what they add to a page.</summary>
public enum BenchAppeals
{
    /// <summary>None at all: the article page without the appeal engine's markup.</summary>
    None,

    /// <summary>One standing appeal for every reader (the default, what run.sh and soak.sh measure).</summary>
    Plain,

    /// <summary>A demo-like set: a first ask with two test versions stored but no test running, and appeals for the other audiences.</summary>
    Set,

    /// <summary>The same set with the first ask's A/B/n test running: the control and both versions on every page.</summary>
    Test,
}

/// <summary>The appeals of each <see cref="BenchAppeals"/> choice, shaped like the demo newsroom's (issue 12), in words of their own.</summary>
public static class BenchAppealSet
{
    private const string StandingText = """
        No owner, no state and no advertiser pays for this reporting: readers do, a few dollars at a time.

        If every reader who values it gave a little each month, our reporters could stay safe and on the story.
        """;

    private const string ShorterText = """
        Readers pay for this reporting, nobody else. **$3 a month** keeps a reporter in the field for a day.
        """;

    private const string UrgentText = """
        This month we are short of what it takes to keep our bureau open. If you read us, **help us close the gap today**.
        """;

    private const string RegularsText = """
        You have read at least five of our stories in the last four weeks: you are the reader this newsroom works for.

        Only a small share of our readers gives, and their money is all that keeps us independent. Will you join them?
        """;

    private const string FormerText = """
        You supported this reporting once, and we are still at it, with fewer hands. Would you give again?
        """;

    private const string ThanksText = """
        Thank you for paying for this reporting: every story here is on the site because readers like you give.
        """;

    private const string BannerText = """
        **Our winter drive:** help us keep every reporter we have through the new year.
        """;

    public static IEnumerable<Appeal> Of(BenchAppeals kind, DateTimeOffset now)
    {
        if (kind == BenchAppeals.None)
        {
            yield break;
        }

        var first = Make("Standing appeal", StandingText, now);
        if (kind == BenchAppeals.Plain)
        {
            yield return first;
            yield break;
        }

        (first.Audience, first.BelowArticles, first.Priority) = (AppealAudience.NeverGave, 5, 30);
        first.Variants.Add(Version(1, "Shorter, with a price", ShorterText, "Give $3 a month"));
        first.Variants.Add(Version(2, "Urgent, the bureau's gap", UrgentText, "Close the gap"));
        if (kind == BenchAppeals.Test)
        {
            (first.Test, first.TestStartedAt, first.TestPlannedShowings) = (AppealTestStatus.Running, now, 12_000);
        }

        yield return first;

        var regulars = Make("For our regular readers", RegularsText, now);
        (regulars.MinArticles, regulars.ReadingWeeks, regulars.Priority, regulars.ContinueLabel) = (5, 4, 20, "Become a supporter");
        yield return regulars;

        var former = Make("Come back", FormerText, now);
        (former.Audience, former.Priority, former.ContinueLabel) = (AppealAudience.FormerSupporters, 10, "Support us again");
        yield return former;

        var thanks = Make("Thank you", ThanksText, now);
        (thanks.Audience, thanks.Priority) = (AppealAudience.Supporters, 10);
        yield return thanks;

        var banner = Make("Winter drive banner", BannerText, now);
        (banner.Placement, banner.MinArticles, banner.Priority, banner.EndsAt) = (AppealPlacement.BannerTop, 2, 50, now.AddDays(60));
        (banner.BannerCapShowings, banner.BannerCapDays, banner.BannerGapDays, banner.BannerWithArticleAppeal) = (2, 30, 3, true);
        banner.ContinueLabel = "Give before the year ends";
        yield return banner;
    }

    private static Appeal Make(string name, string markdown, DateTimeOffset now) =>
        new() { Name = name, BodyMarkdown = markdown, BodyHtml = ArticleMarkdown.ToHtml(markdown), IsActive = true, UpdatedAt = now };

    private static AppealVariant Version(int number, string name, string markdown, string continueLabel) =>
        new() { Number = number, Name = name, BodyMarkdown = markdown, BodyHtml = ArticleMarkdown.ToHtml(markdown), ContinueLabel = continueLabel };
}
