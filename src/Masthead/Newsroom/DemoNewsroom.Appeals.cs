using Masthead.Appeals;
using Masthead.Articles;

namespace Masthead.Newsroom;

public static partial class DemoNewsroom
{
    /// <summary>Planned showings per variant of the demo's test: a 1.5% Continue rate, a smallest lift worth knowing of 30%.</summary>
    internal const int DemoTestPlannedShowings = 12_000;

    /// <summary>
    /// The appeal engine at work on the first run: a first ask for new readers (with an A/B test of its text running), a
    /// stronger one for readers of five or more articles in four weeks, a "come back" for former supporters, a thank-you
    /// for supporters instead of an ask, and a year-end banner for returning readers.
    /// </summary>
    private static IEnumerable<Appeal> DemoAppeals(string edition, DateTimeOffset now)
    {
        var first = DemoAppeal("Standing appeal", edition, AppealText, now);
        (first.Audience, first.BelowArticles, first.Priority) = (AppealAudience.NeverGave, 5, 30);
        (first.Test, first.TestStartedAt, first.TestPlannedShowings) = (AppealTestStatus.Running, now, DemoTestPlannedShowings);
        first.Variants.Add(new AppealVariant
        {
            Number = 1, Name = "Shorter, with the price of a coffee",
            BodyMarkdown = ShortAppealText, BodyHtml = ArticleMarkdown.ToHtml(ShortAppealText), ContinueLabel = "Give $2 a month",
        });
        yield return first;

        var loyal = DemoAppeal("For our regular readers", edition, LoyalAppealText, now);
        (loyal.MinArticles, loyal.ReadingWeeks, loyal.Priority, loyal.ContinueLabel) = (5, 4, 20, "Become a supporter");
        yield return loyal;

        var back = DemoAppeal("Come back", edition, ComeBackText, now);
        (back.Audience, back.Priority, back.ContinueLabel) = (AppealAudience.FormerSupporters, 10, "Support us again");
        yield return back;

        var thanks = DemoAppeal("Thank you", edition, ThanksText, now);
        (thanks.Audience, thanks.Priority) = (AppealAudience.Supporters, 10);
        yield return thanks;

        var drive = DemoAppeal("Year-end drive banner", edition, BannerText, now);
        (drive.Placement, drive.MinArticles, drive.Priority, drive.EndsAt) = (AppealPlacement.BannerTop, 2, 50, now.AddDays(60));
        (drive.BannerCapShowings, drive.BannerCapDays, drive.BannerGapDays, drive.BannerWithArticleAppeal) = (2, 30, 3, true);
        drive.ContinueLabel = "Give before the year ends";
        yield return drive;
    }

    private const string ShortAppealText = """
        Blocked at home, labelled a "foreign agent", still reporting. **$2 a month**, less than a coffee, keeps a reporter
        on the story.
        """;

    private const string LoyalAppealText = """
        You have read five or more of our stories in the last four weeks. You are exactly the reader we work for.

        Fewer than one in a hundred of our readers supports us, and that is all that keeps us independent: no owner, no
        state, no advertiser. If you can, become one of them today.
        """;

    private const string ComeBackText = """
        You supported us before, and we have not forgotten it. We are still here, still blocked at home, still reporting.
        Will you come back?
        """;

    private const string ThanksText = """
        Thank you for supporting our work. Every story on this site is here because readers like you pay for it.
        """;

    private const string BannerText = """
        **Our year-end drive:** help us start the new year with the reporters we need.
        """;
}
