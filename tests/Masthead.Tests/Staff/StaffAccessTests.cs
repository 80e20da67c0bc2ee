using System.Net;
using Masthead.Staff;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;

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
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one_until_fifteen_minutes_pass()
    {
        await using var own = factory.Fresh();
        using var client = own.CreateBrowserClient();
        Dictionary<string, string> Attempt(string password) => new() { ["Input.Email"] = own.AdminEmail, ["Input.Password"] = password };
        for (var i = 0; i < StaffMember.MaxFailedSignIns; i++)
        {
            using var wrong = await own.PostFormAsync(client, "/admin/signin", Attempt($"guess {i}"));
        }

        using var locked = await own.PostFormAsync(client, "/admin/signin", Attempt(own.AdminPassword));
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("locked for 15 minutes", await locked.Content.ReadAsStringAsync());

        own.Clock.Advance(StaffMember.LockoutPeriod);
        using var signedIn = await own.SignedInAdminAsync();
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
