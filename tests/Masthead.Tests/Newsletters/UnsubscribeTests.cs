using System.Net;
using Masthead.Newsletters;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Newsletters;

/// <summary>
/// One-click unsubscribe (RFC 8058): a mail program's POST with <c>List-Unsubscribe=One-Click</c>, no cookie and no
/// antiforgery token, unsubscribes; a GET (a person, or a scanner following the link) only shows the button.
/// </summary>
public abstract class UnsubscribeTests(MastheadFactory factory)
{
    private static async Task<(MastheadFactory Own, string Token, int List)> SubscribedAsync(MastheadFactory factory)
    {
        var own = factory.Fresh();
        var (first, _) = await NewsletterDesk.ListsAsync(own);
        using var reader = own.CreateBrowserClient();
        var email = SmtpInbox.UniqueAddress("leaving");
        (await NewsletterDesk.SubscribeAsync(own, reader, email, first)).Dispose();
        var token = await NewsletterDesk.TokenOfAsync(own, email);
        (await own.PostFormAsync(reader, NewsletterPaths.Confirm(token), [])).Dispose();
        return (own, token, first);
    }

    [Fact]
    public async Task A_one_click_post_without_cookie_or_token_unsubscribes_and_a_get_does_not()
    {
        var (own, token, list) = await SubscribedAsync(factory);
        await using var _ = own;
        using var mailProgram = own.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = MastheadFactory.BaseAddress, HandleCookies = false });
        var address = new Uri(NewsletterPaths.Unsubscribe(token), UriKind.Relative);

        using (var opened = await mailProgram.GetAsync(address))
        {
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
            var page = await Html.ParseAsync(opened);
            Assert.Equal("One-Click", page.QuerySelector("form[method=post] input[name='List-Unsubscribe']")!.GetAttribute("value"));
        }

        Assert.Equal(SubscriptionState.Confirmed, (await NewsletterDesk.StatesAsync(own, token))[list]);

        using (var wrong = await mailProgram.PostAsync(address, new FormUrlEncodedContent([new("List-Unsubscribe", "Yes please")])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Contains("nothing was changed", (await Html.ParseAsync(wrong)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(SubscriptionState.Confirmed, (await NewsletterDesk.StatesAsync(own, token))[list]);

        using var content = new StringContent("List-Unsubscribe=One-Click", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");
        using var clicked = await mailProgram.PostAsync(address, content);
        Assert.Equal(HttpStatusCode.OK, clicked.StatusCode);
        Assert.Equal(SubscriptionState.Unsubscribed, (await NewsletterDesk.StatesAsync(own, token))[list]);

        // Pressed again (a second mail program, the person's own click): still a page saying so, not an error.
        using var again = await mailProgram.PostAsync(address, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("You are unsubscribed", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public static TheoryData<string> ForgedTokens { get; } =
    [
        new string('0', 64), "1", "not-a-token", new string('a', 5000), "%E2%80%AE%3Cscript%3E", "..%2F..%2Fadmin",
    ];

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task A_forged_token_gets_404_with_a_message_on_every_link_page(string token)
    {
        await using var own = factory.Fresh();
        using var reader = own.CreateBrowserClient();
        foreach (var page in new[] { "/newsletter/confirm/", "/newsletter/manage/", "/newsletter/unsubscribe/" })
        {
            using var response = await reader.GetAsync(new Uri(page + token, UriKind.Relative));
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{page}: {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.NotFound && token.Length < 100 && !token.Contains('%', StringComparison.Ordinal))
            {
                Assert.Contains("This link does not work", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        using var oneClick = await reader.PostAsync(new Uri("/newsletter/unsubscribe/" + token, UriKind.Relative), new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.True(oneClick.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"one-click: {(int)oneClick.StatusCode}");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class UnsubscribeTestsOnSqlite(SqliteFactory factory) : UnsubscribeTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class UnsubscribeTestsOnPostgres(PostgresFactory factory) : UnsubscribeTests(factory);
