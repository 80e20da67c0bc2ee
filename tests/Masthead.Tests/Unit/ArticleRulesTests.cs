using Masthead.Articles;
using Masthead.Articles.Admin;

namespace Masthead.Tests.Unit;

public sealed class ArticleRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static Article NewArticle() => new() { Slug = "a", Headline = "A", CreatedById = 7 };

    [Fact]
    public void A_draft_is_not_visible()
    {
        Assert.False(NewArticle().IsVisibleAt(Now));
    }

    [Fact]
    public void A_scheduled_article_goes_live_at_its_time_without_any_job()
    {
        var article = NewArticle();
        article.Schedule(Now.AddHours(2));
        Assert.False(article.IsVisibleAt(Now.AddHours(1)));
        Assert.Equal(ArticleStatus.Scheduled, article.EffectiveStatusAt(Now.AddHours(1)));
        Assert.True(article.IsVisibleAt(Now.AddHours(2)));
        Assert.Equal(ArticleStatus.Published, article.EffectiveStatusAt(Now.AddHours(2)));
    }

    [Fact]
    public void Publishing_a_scheduled_article_early_dates_it_now()
    {
        var article = NewArticle();
        article.Schedule(Now.AddDays(1));
        article.Publish(Now);
        Assert.Equal(Now, article.PublishAt);
        Assert.True(article.IsVisibleAt(Now));
    }

    [Fact]
    public void Republishing_keeps_the_first_publication_time()
    {
        var article = NewArticle();
        article.Publish(Now);
        article.Unpublish();
        Assert.False(article.IsVisibleAt(Now.AddDays(1)));
        article.Publish(Now.AddDays(1));
        Assert.Equal(Now, article.PublishAt);
    }

    [Fact]
    public void A_writer_edits_only_their_own_drafts_and_an_editor_edits_anything()
    {
        var article = NewArticle();
        Assert.True(article.IsEditableBy(7, isEditor: false));
        Assert.False(article.IsEditableBy(8, isEditor: false));
        article.Publish(Now);
        Assert.False(article.IsEditableBy(7, isEditor: false));
        Assert.True(article.IsEditableBy(8, isEditor: true));
    }

    [Theory]
    [InlineData("2026-12-01T08:30", true)]
    [InlineData("2026-12-01 08:30", true)]
    [InlineData("", true)]
    [InlineData("tomorrow", false)]
    [InlineData("2026-13-01T08:30", false)]
    [InlineData("2026-02-30T08:30", false)]
    [InlineData("1900-01-01T00:00", false)]
    [InlineData("99999-01-01T00:00", false)]
    public void Publish_times_are_read_strictly(string text, bool readable)
    {
        var form = new ArticleForm { PublishAt = text };
        Assert.Equal(readable, form.TryReadPublishAt(TimeZoneInfo.Utc, out _));
    }

    [Fact]
    public void Publish_times_are_read_in_the_newsroom_time_zone()
    {
        var riga = TimeZoneInfo.FindSystemTimeZoneById("Europe/Riga");
        var form = new ArticleForm { PublishAt = "2026-12-01T08:30" };
        Assert.True(form.TryReadPublishAt(riga, out var at));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 6, 30, 0, TimeSpan.Zero), at);
    }

    [Fact]
    public void Tags_are_split_trimmed_and_deduplicated()
    {
        var form = new ArticleForm { Tags = " Politics, economy ,politics,, Regions " };
        Assert.Equal(["Politics", "economy", "Regions"], form.TagNames());
    }
}
