using System.Globalization;
using Masthead.Appeals;
using Masthead.Contributions;

namespace Masthead.Tests.Unit;

/// <summary>
/// The admin's "which appeal would this reader see", made as reader.js makes it, on the demo newsroom's rules: a first
/// ask for readers who never gave and read fewer than 5 in four weeks (with a test of two versions), a stronger one for
/// readers of 5 or more, a "come back" for former supporters, a thank-you for supporters (these two first, by
/// priority), a banner for readers of 2 or more that may show beside an end-of-article appeal.
/// </summary>
public sealed class AppealChoiceTests
{
    private static AppealView View(int id, int order, AppealPlacement placement = AppealPlacement.EndOfArticle, AppealAudience audience = AppealAudience.Readers,
        int min = 0, int? below = null, int weeks = 4, string? topic = null, bool withEnd = false, int variant = 0) =>
        new("Meridian", $"<p>{id}</p>", new Money(200, "USD"), "Continue", "Not today?", "Remind me later", 7, CultureInfo.InvariantCulture)
        {
            Id = id, Order = order, Placement = placement, Audience = audience, MinArticles = min, BelowArticles = below, ReadingWeeks = weeks,
            Topic = topic, BannerWithArticleAppeal = withEnd, Variant = variant,
        };

    private const int Banner = 1, Regular = 2, First = 3, Back = 4, Thanks = 5;

    private static readonly AppealView[] Demo =
    [
        View(Back, 0, audience: AppealAudience.FormerSupporters),
        View(Thanks, 1, audience: AppealAudience.Supporters),
        View(Regular, 2, min: 5),
        View(First, 3, audience: AppealAudience.NeverGave, below: 5),
        View(First, 4, audience: AppealAudience.NeverGave, below: 5, variant: 1),
        View(Banner, 5, AppealPlacement.BannerTop, min: 2, withEnd: true),
    ];

    private static (int? End, int? Banner) Sees(ReaderState state, int articles, int weeks = 4, string? topic = null, IReadOnlyList<AppealView>? appeals = null)
    {
        var (end, banner) = AppealChoice.Choose(appeals ?? Demo, new DescribedReader(state, articles, weeks, topic));
        Assert.True(end is null || end.Variant == 0, "The choice is always a control; the script draws the variant.");
        return (end?.Id, banner?.Id);
    }

    [Theory]
    [InlineData(ReaderState.NeverGave, 0, First, null)]
    [InlineData(ReaderState.NeverGave, 1, First, null)]
    [InlineData(ReaderState.NeverGave, 4, First, Banner)]
    [InlineData(ReaderState.NeverGave, 12, Regular, Banner)]
    [InlineData(ReaderState.FormerSupporter, 0, Back, null)]
    [InlineData(ReaderState.FormerSupporter, 12, Back, Banner)]
    [InlineData(ReaderState.Supporter, 12, Thanks, null)]
    [InlineData(ReaderState.Snoozed, 12, null, null)]
    public void Each_described_reader_gets_the_appeal_the_demo_rules_promise(ReaderState state, int articles, int? end, int? banner)
    {
        Assert.Equal((end, banner), Sees(state, articles));
    }

    [Fact]
    public void Articles_described_over_more_weeks_than_a_rule_looks_at_count_as_spread_evenly_rounded_down()
    {
        var reader = new DescribedReader(ReaderState.NeverGave, 12, 8, null);
        Assert.Equal((6, 12, 12, 1), (reader.ArticlesIn(4), reader.ArticlesIn(8), reader.ArticlesIn(53), reader.ArticlesIn(1)));
        Assert.Equal(Regular, Sees(ReaderState.NeverGave, 12, weeks: 8).End);
        Assert.Equal(First, Sees(ReaderState.NeverGave, 9, weeks: 8).End);
    }

    [Fact]
    public void A_topic_rule_takes_only_a_reader_of_that_topic_within_its_weeks()
    {
        AppealView[] appeals = [View(10, 0, topic: "climate"), .. Demo];
        Assert.Equal(10, Sees(ReaderState.NeverGave, 3, topic: "climate", appeals: appeals).End);
        Assert.Equal(First, Sees(ReaderState.NeverGave, 3, topic: "elections", appeals: appeals).End);
        Assert.Equal(First, Sees(ReaderState.NeverGave, 0, topic: "climate", appeals: appeals).End);
    }

    [Fact]
    public void A_banner_whose_rule_keeps_it_apart_gives_way_to_an_end_of_article_appeal_and_shows_alone()
    {
        AppealView[] apart = [View(20, 0, AppealPlacement.BannerBottom), View(21, 1, min: 3)];
        Assert.Equal((21, (int?)null), Sees(ReaderState.NeverGave, 5, appeals: apart));
        Assert.Equal(((int?)null, 20), Sees(ReaderState.NeverGave, 1, appeals: apart));
        var why = AppealChoice.Explain(apart, new DescribedReader(ReaderState.NeverGave, 5, 4, null));
        Assert.Equal([(20, AppealMiss.BesideEndAppeal), (21, AppealMiss.None)], why.Select(w => (w.Appeal.Id, w.Miss)));
    }

    [Fact]
    public void A_top_banner_comes_before_a_bottom_one_whatever_their_order()
    {
        AppealView[] banners = [View(30, 0, AppealPlacement.BannerBottom), View(31, 1, AppealPlacement.BannerTop)];
        Assert.Equal(31, Sees(ReaderState.NeverGave, 0, appeals: banners).Banner);
    }

    [Fact]
    public void Every_other_appeal_says_why_it_is_not_shown_and_variants_are_not_listed_apart()
    {
        var why = AppealChoice.Explain(Demo, new DescribedReader(ReaderState.NeverGave, 12, 4, null));

        Assert.Equal(
            [(Back, AppealMiss.NeverSupported), (Thanks, AppealMiss.ForSupporters), (Regular, AppealMiss.None), (First, AppealMiss.TooManyArticles), (Banner, AppealMiss.None)],
            why.Select(w => (w.Appeal.Id, w.Miss)));
        Assert.Equal(AppealMiss.GaveBefore, AppealChoice.Misses(Demo[3], new DescribedReader(ReaderState.FormerSupporter, 0, 4, null)));
        Assert.Equal(AppealMiss.TooFewArticles, AppealChoice.Misses(Demo[2], new DescribedReader(ReaderState.NeverGave, 4, 4, null)));
        Assert.Equal(AppealMiss.Supporting, AppealChoice.Misses(Demo[2], new DescribedReader(ReaderState.Supporter, 40, 4, null)));
        Assert.Equal(AppealMiss.SnoozedNow, AppealChoice.Misses(Demo[2], new DescribedReader(ReaderState.Snoozed, 40, 4, null)));
        Assert.Equal(AppealMiss.EarlierMatch, AppealChoice.Explain([View(40, 0), View(41, 1)], new DescribedReader(ReaderState.NeverGave, 0, 4, null))[1].Miss);
    }
}
