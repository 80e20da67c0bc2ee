using System.Net;
using System.Text.RegularExpressions;
using Masthead.Staff;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Staff;

public abstract class StaffAccessTests(MastheadFactory factory)
{
    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/articles/new")]
    [InlineData("/admin/staff")]
    [InlineData("/admin/authors")]
    public async Task Anyone_not_signed_in_is_sent_to_sign_in(string url)
    {
        using var client = factory.CreateBrowserClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/admin/signin", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Every_admin_page_of_every_feature_sends_anyone_not_signed_in_to_sign_in()
    {
        // Each feature adds the authorization of its own pages; a page it forgets must not be open to the world.
        var addresses = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(endpoint => "/" + endpoint.RoutePattern.RawText!.TrimStart('/'))
            .Where(route => route.StartsWith("/admin", StringComparison.Ordinal))
            .Select(route => Regex.Replace(Regex.Replace(route, @"/\{[^}]*\?\}", ""), @"\{[^}]*\}", "1"))
            .Where(address => address is not ("/admin/signin" or "/admin/signin/two-factor"))
            .Distinct().ToList();
        Assert.True(addresses.Count >= 15, string.Join(", ", addresses));

        using var client = factory.CreateBrowserClient();
        foreach (var address in addresses)
        {
            using var response = await client.GetAsync(new Uri(address, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().StartsWith("https://localhost/admin/signin", StringComparison.Ordinal),
                $"{address} answered {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    [Theory]
    [InlineData("/admin/\u3002evil", "/admin/%E3%80%82evil")]
    [InlineData("/admin/articles/\uFF0F/x", "/admin/articles/%EF%BC%8F/x")]
    [InlineData("/admin/\U0001F600", "/admin/%F0%9F%98%80")]
    [InlineData("//evil.example/admin", "/admin")]
    [InlineData("/\\evil.example/admin", "/admin")]
    [InlineData("/elsewhere", "/admin")]
    public async Task Signing_in_with_an_odd_return_address_lands_on_an_admin_page_of_this_site_never_a_500(string returnUrl, string expected)
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Editor);
        using var client = factory.CreateBrowserClient();
        using var response = await factory.PostFormAsync(client, "/admin/signin?returnUrl=" + Uri.EscapeDataString(returnUrl), new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_and_the_email_kept()
    {
        using var client = factory.CreateBrowserClient();
        using var response = await factory.PostFormAsync(client, "/admin/signin", new Dictionary<string, string>
        {
            ["Input.Email"] = factory.AdminEmail,
            ["Input.Password"] = "not the password",
        });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("do not match an account", page.QuerySelector(".form-errors")!.TextContent);
        Assert.Equal(factory.AdminEmail, EditorDesk.FieldValue(page, "Input.Email"));
        Assert.Equal("", EditorDesk.FieldValue(page, "Input.Password") ?? "");
    }

    [Fact]
    public async Task An_outsider_failing_over_and_over_slows_only_their_own_address_and_never_keeps_the_owner_out()
    {
        await using var own = factory.Fresh();
        using var outsider = TestClientAddresses.From(own.CreateBrowserClient(), "203.0.113.7");
        Dictionary<string, string> Attempt(string password) => new() { ["Input.Email"] = own.AdminEmail, ["Input.Password"] = password };
        for (var i = 0; i < 40; i++)
        {
            using var wrong = await own.PostFormAsync(outsider, "/admin/signin", Attempt($"guess {i}"));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            own.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        // From the outsider's address even the right password waits, answered as a wrong one.
        using (var waiting = await own.PostFormAsync(outsider, "/admin/signin", Attempt(own.AdminPassword)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, waiting.StatusCode);
            Assert.Contains(Masthead.Staff.Admin.SignInModel.WrongCredentials, (await Html.ParseAsync(waiting)).QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        }

        // The owner, from their own address, is not held up by any of it.
        using (var owner = TestClientAddresses.From(own.CreateBrowserClient(out var cookies), "198.51.100.2"))
        using (var signedIn = await own.PostFormAsync(owner, "/admin/signin", Attempt(own.AdminPassword)))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            Assert.Contains("masthead_staff", cookies.Names);
        }

        // The outsider's wait has a ceiling: once it has passed, that address may try again.
        own.Clock.Advance(SignInThrottle.LongestWait);
        using var later = await own.PostFormAsync(outsider, "/admin/signin", Attempt(own.AdminPassword));
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);

        var failures = await own.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == Masthead.Audit.AuditActions.SignInFailed));
        Assert.Equal(41, failures);
    }

    [Fact]
    public async Task An_unknown_address_a_wrong_password_and_a_throttled_attempt_get_the_same_answer()
    {
        await using var own = factory.Fresh();
        using var client = TestClientAddresses.From(own.CreateBrowserClient(), "203.0.113.9");
        async Task<(HttpStatusCode, string, string)> AnswerAsync(string email, string password)
        {
            using var response = await own.PostFormAsync(client, "/admin/signin", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
            var page = await Html.ParseAsync(response);
            return (response.StatusCode, page.QuerySelector(".form-errors")!.TextContent.Trim(), EditorDesk.FieldValue(page, "Input.Password") ?? "");
        }

        var unknown = await AnswerAsync("nobody@masthead.test", "a guess");
        var wrong = await AnswerAsync(own.AdminEmail, "a guess");
        for (var i = 0; i < SignInThrottle.FreeFailures; i++)
        {
            await AnswerAsync(own.AdminEmail, $"guess {i}");
        }

        var throttled = await AnswerAsync(own.AdminEmail, own.AdminPassword);
        Assert.Equal(unknown, wrong);
        Assert.Equal(unknown, throttled);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.Item1);
    }

    [Fact]
    public async Task A_writer_saves_drafts_but_cannot_publish_or_touch_others_articles()
    {
        var author = await EditorDesk.AddAuthorAsync(factory);
        using var writer = await EditorDesk.SignedInAsAsync(factory, StaffRole.Writer);
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        var own = new ArticleInput($"Writer draft {EditorDesk.Unique()}", [author]);
        var ownId = await EditorDesk.SubmitOkAsync(writer, null, own);

        using (var publish = await EditorDesk.SubmitAsync(writer, ownId, own, "Publish"))
        {
            Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
            Assert.Contains("/admin/denied", publish.Headers.Location!.ToString());
        }

        var othersId = await EditorDesk.SubmitOkAsync(editor, null, new ArticleInput($"Editor story {EditorDesk.Unique()}", [author]));
        using (var others = await writer.GetAsync(new Uri($"/admin/articles/{othersId}/edit", UriKind.Relative)))
        {
            Assert.Contains("/admin/denied", others.Headers.Location!.ToString());
        }

        using (var staff = await writer.GetAsync(new Uri("/admin/staff", UriKind.Relative)))
        {
            Assert.Contains("/admin/denied", staff.Headers.Location!.ToString());
        }

        var status = await factory.WithDbAsync(db => Task.FromResult(db.Articles.Single(a => a.Id == ownId).Status));
        Assert.Equal(Masthead.Articles.ArticleStatus.Draft, status);
    }

    [Fact]
    public async Task An_editor_cannot_manage_staff()
    {
        using var editor = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);
        using var response = await editor.GetAsync(new Uri("/admin/staff", UriKind.Relative));
        Assert.Contains("/admin/denied", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_new_staff_member_must_replace_the_one_time_password_and_then_other_sessions_end()
    {
        using var admin = await factory.SignedInAdminAsync();
        var email = $"new-writer-{EditorDesk.Unique()}@masthead.test";
        using var created = await factory.PostFormAsync(admin, "/admin/staff", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "New Writer",
            ["Input.Email"] = email,
            ["Input.Role"] = "Writer",
            ["Input.WritesUnderByline"] = "true",
        });
        var page = await Html.ParseAsync(created);
        var oneTime = page.QuerySelector(".notice code")!.TextContent;

        using var first = await factory.SignedInClientAsync(email, oneTime);
        using var second = await factory.SignedInClientAsync(email, oneTime);
        using (var forced = await first.GetAsync(new Uri("/admin", UriKind.Relative)))
        {
            Assert.Equal("/admin/password", forced.Headers.Location!.OriginalString);
        }

        using (var tooShort = await factory.PostFormAsync(first, "/admin/password", new Dictionary<string, string>
        {
            ["Input.Current"] = oneTime, ["Input.New"] = "short", ["Input.Confirm"] = "short",
        }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
            Assert.Contains("Use at least 12 characters", await tooShort.Content.ReadAsStringAsync());
        }

        using (var changed = await factory.PostFormAsync(first, "/admin/password", new Dictionary<string, string>
        {
            ["Input.Current"] = oneTime, ["Input.New"] = "a long and private passphrase", ["Input.Confirm"] = "a long and private passphrase",
        }))
        {
            Assert.Equal("/admin", changed.Headers.Location!.OriginalString);
        }

        await factory.GetPageAsync(first, "/admin");
        using var stale = await second.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.StartsWith("https://localhost/admin/signin", stale.Headers.Location!.ToString());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class StaffAccessTestsOnSqlite(SqliteFactory factory) : StaffAccessTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class StaffAccessTestsOnPostgres(PostgresFactory factory) : StaffAccessTests(factory);
