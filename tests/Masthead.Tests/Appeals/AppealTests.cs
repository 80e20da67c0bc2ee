using System.Net;
using Masthead.Appeals;
using Masthead.Articles;
using Masthead.Contributions;
using Masthead.Staff;
using Masthead.Tests.Articles;
using Masthead.Tests.Contributions;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Appeals;

public abstract class AppealTests(MastheadFactory factory)
{
    private Task<string> PublishAsync(bool sensitive = false) => PublishAsync(factory, sensitive);

    /// <summary>Makes sure an appeal is active and publishes an article after which it shows.</summary>
    internal static async Task<string> PublishAsync(MastheadFactory factory, bool sensitive)
    {
        await factory.WithDbAsync(async db =>
        {
            if (!await db.Appeals.AnyAsync(a => a.IsActive))
            {
                db.Appeals.Add(new Appeal { Name = "Test", Edition = "en", BodyMarkdown = "We need you.", BodyHtml = "<p>We need you.</p>", IsActive = true, SnoozeDays = 7 });
                await db.SaveChangesAsync();
            }
        });
        var author = await EditorDesk.AddAuthorAsync(factory);
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var input = new ArticleInput($"Appeal test {EditorDesk.Unique()}", [author]);
        await EditorDesk.SubmitOkAsync(editor, null, input, "Publish", extra: sensitive ? [new("Form.IsSensitive", "true")] : null);
        return $"/articles/{Slugs.From(input.Headline)}";
    }

    [Fact]
    public async Task The_appeal_follows_the_article_in_the_newsroom_s_words_with_the_minimum_from_settings()
    {
        var article = await PublishAsync();
        using var reader = factory.CreateBrowserClient();

        var page = await factory.GetPageAsync(reader, article);

        var appeal = page.QuerySelector("aside#appeal")!;
        Assert.Equal("A message from The Meridian", appeal.QuerySelector("h2")!.TextContent);
        Assert.Contains("We need you.", appeal.QuerySelector(".appeal-body")!.TextContent);
        Assert.Equal("Support us monthly, from $2. It takes a minute.", appeal.QuerySelector(".appeal-ask")!.TextContent);
        Assert.Equal("/support", appeal.QuerySelector("a.appeal-continue")!.GetAttribute("href"));
        Assert.Equal("Continue", appeal.QuerySelector("a.appeal-continue")!.TextContent);
        Assert.Equal("Remind me later", appeal.QuerySelector(".appeal-snooze button")!.TextContent);
        Assert.Equal(article, appeal.QuerySelector(".appeal-snooze input[name=return]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_sensitive_article_shows_no_appeal()
    {
        var article = await PublishAsync(sensitive: true);
        using var reader = factory.CreateBrowserClient();
        var page = await factory.GetPageAsync(reader, article);
        Assert.Null(page.QuerySelector("#appeal"));
    }

    [Fact]
    public async Task Remind_me_later_without_JavaScript_hides_the_appeal_everywhere_until_the_period_ends()
    {
        await using var own = factory.Fresh();
        var first = await PublishAsync(own, sensitive: false);
        var second = await PublishAsync(own, sensitive: false);
        using var reader = own.CreateBrowserClient(out var cookies);

        using var snoozed = await reader.PostAsync(new Uri("/appeal/snooze", UriKind.Relative), new FormUrlEncodedContent([new("return", first)]));

        Assert.Equal(HttpStatusCode.Redirect, snoozed.StatusCode);
        Assert.Equal(first, snoozed.Headers.Location!.OriginalString);
        Assert.NotNull(cookies[AppealVisibility.SnoozeCookie]);
        Assert.Null((await own.GetPageAsync(reader, first)).QuerySelector("#appeal"));
        Assert.Null((await own.GetPageAsync(reader, second)).QuerySelector("#appeal"));

        own.Clock.Advance(TimeSpan.FromDays(7));
        Assert.NotNull((await own.GetPageAsync(reader, second)).QuerySelector("#appeal"));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task Remind_me_later_never_sends_the_reader_to_another_site(string back)
    {
        using var reader = factory.CreateBrowserClient();
        using var response = await reader.PostAsync(new Uri("/appeal/snooze", UriKind.Relative), new FormUrlEncodedContent([new("return", back)]));
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_supporter_no_longer_sees_appeals_but_a_forged_pass_changes_nothing()
    {
        var article = await PublishAsync();
        using var supporter = factory.CreateBrowserClient();
        await SupportDesk.GiveAsync(factory, supporter, $"fan-{EditorDesk.Unique()}@example.org");
        Assert.Null((await factory.GetPageAsync(supporter, article)).QuerySelector("#appeal"));

        using var forger = factory.CreateBrowserClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, article);
        request.Headers.Add("Cookie", $"{SupporterPass.CookieName}=CfDJ8forged-token-value");
        using var response = await forger.SendAsync(request);
        Assert.NotNull((await Html.ParseAsync(response)).QuerySelector("#appeal"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AppealTestsOnSqlite(SqliteFactory factory) : AppealTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class AppealTestsOnPostgres(PostgresFactory factory) : AppealTests(factory);
