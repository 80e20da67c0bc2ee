using System.Net;
using Masthead.Staff;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Staff;

public abstract class StaffSessionTests(MastheadFactory factory)
{
    private const string SessionsPath = "/admin/account/sessions";

    [Fact]
    public async Task Sessions_are_listed_with_this_browser_marked_and_an_ended_one_no_longer_signs_in()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Writer);
        using var laptop = await factory.SignedInClientAsync(email, password);
        using var phone = await factory.SignedInClientAsync(email, password);

        var page = await factory.GetPageAsync(laptop, SessionsPath);
        var rows = page.QuerySelectorAll("table.sessions tbody tr");
        Assert.Equal(2, rows.Length);
        Assert.Single(rows, row => row.TextContent.Contains("(this browser)", StringComparison.Ordinal));
        var other = rows.Single(row => !row.TextContent.Contains("(this browser)", StringComparison.Ordinal))
            .QuerySelector("input[name='sessionId']")!.GetAttribute("value")!;

        using (var ended = await factory.PostFormAsync(laptop, SessionsPath, new Dictionary<string, string> { ["sessionId"] = other }, SessionsPath + "/End"))
        {
            Assert.Equal(SessionsPath, ended.Headers.Location!.OriginalString);
        }

        await AssertSignedOutAsync(phone);
        await factory.GetPageAsync(laptop, "/admin");
        Assert.Single((await factory.GetPageAsync(laptop, SessionsPath)).QuerySelectorAll("table.sessions tbody tr"));
    }

    [Fact]
    public async Task Someone_else_s_session_cannot_be_ended_from_your_page()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Writer);
        using var victim = await factory.SignedInClientAsync(email, password);
        var victimSession = await factory.WithDbAsync(db => db.StaffSessions.Where(s => s.StaffMember!.Email == email).Select(s => s.Id).SingleAsync());
        using var other = await EditorDesk.SignedInAsAsync(factory, StaffRole.Editor);

        using var attempt = await factory.PostFormAsync(other, SessionsPath, new Dictionary<string, string> { ["sessionId"] = victimSession }, SessionsPath + "/End");
        await factory.GetPageAsync(victim, "/admin");
    }

    [Fact]
    public async Task Sign_out_everywhere_else_keeps_only_this_browser()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Editor);
        using var laptop = await factory.SignedInClientAsync(email, password);
        using var phone = await factory.SignedInClientAsync(email, password);
        using var tablet = await factory.SignedInClientAsync(email, password);

        using (var ended = await factory.PostFormAsync(laptop, SessionsPath, [], SessionsPath + "/EndOthers"))
        {
            Assert.Equal(SessionsPath, ended.Headers.Location!.OriginalString);
        }

        await AssertSignedOutAsync(phone);
        await AssertSignedOutAsync(tablet);
        await factory.GetPageAsync(laptop, "/admin");
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_and_keeps_this_one()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Writer);
        using var laptop = await factory.SignedInClientAsync(email, password);
        using var phone = await factory.SignedInClientAsync(email, password);

        using (var changed = await factory.PostFormAsync(laptop, "/admin/password", new Dictionary<string, string>
        {
            ["Input.Current"] = password, ["Input.New"] = "a long and private passphrase", ["Input.Confirm"] = "a long and private passphrase",
        }))
        {
            Assert.Equal("/admin", changed.Headers.Location!.OriginalString);
        }

        await factory.GetPageAsync(laptop, "/admin");
        await AssertSignedOutAsync(phone);
        Assert.Equal(1, await SessionCountAsync(email));
    }

    [Fact]
    public async Task Signing_out_deletes_the_session_so_a_copy_of_the_cookie_stops_working()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Writer);
        using var browser = factory.CreateBrowserClient(out var cookies);
        using (var signedIn = await factory.PostFormAsync(browser, "/admin/signin", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = password,
        }))
        {
            Assert.Equal("/admin", signedIn.Headers.Location!.OriginalString);
        }

        var staffCookie = cookies["masthead_staff"];

        using (var signedOut = await factory.PostFormAsync(browser, "/admin", [], "/admin/signout"))
        {
            Assert.Equal("/admin/signin", signedOut.Headers.Location!.OriginalString);
        }

        Assert.Equal(0, await SessionCountAsync(email));
        using var copy = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = MastheadFactory.BaseAddress, AllowAutoRedirect = false, HandleCookies = false,
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
        request.Headers.Add("Cookie", $"masthead_staff={staffCookie}");
        using var response = await copy.SendAsync(request);
        Assert.StartsWith("https://localhost/admin/signin", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task An_admin_signs_a_staff_member_out_everywhere_from_the_staff_page()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Writer);
        using var writer = await factory.SignedInClientAsync(email, password);
        using var admin = await factory.SignedInAdminAsync();
        var staffId = await factory.WithDbAsync(db => db.Staff.Where(s => s.Email == email).Select(s => s.Id).SingleAsync());

        using (var ended = await factory.PostFormAsync(admin, "/admin/staff",
            new Dictionary<string, string> { ["staffId"] = staffId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/admin/staff?handler=EndSessions"))
        {
            Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
            Assert.Contains("is signed out everywhere (1 session ended)", await ended.Content.ReadAsStringAsync());
        }

        await AssertSignedOutAsync(writer);
        await factory.GetPageAsync(admin, "/admin/staff");
    }

    private Task<int> SessionCountAsync(string email) =>
        factory.WithDbAsync(db => db.StaffSessions.CountAsync(s => s.StaffMember!.Email == email));

    private static async Task AssertSignedOutAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/admin/signin", response.Headers.Location!.ToString());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class StaffSessionTestsOnSqlite(SqliteFactory factory) : StaffSessionTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class StaffSessionTestsOnPostgres(PostgresFactory factory) : StaffSessionTests(factory);
