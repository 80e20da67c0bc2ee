using System.Net;
using Masthead.Audit;
using Masthead.Staff;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Staff;

/// <summary>An admin changes a colleague's role, or turns their account off and on; never the last active admin's.</summary>
public abstract class StaffManagementTests(MastheadFactory factory)
{
    [Fact]
    public async Task A_new_role_ends_the_colleagues_sessions_at_once_is_audited_and_applies_at_their_next_sign_in()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Editor);
        using var colleague = await factory.SignedInClientAsync(email, password);
        await factory.GetPageAsync(colleague, "/admin/appeals");
        using var admin = await factory.SignedInAdminAsync();
        var id = await IdOfAsync(email);

        using (var changed = await PostAsync(admin, "ChangeRole", id, ("role", "Writer")))
        {
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
            Assert.Contains("is now a writer", (await Html.ParseAsync(changed)).QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        }

        using (var signedOut = await colleague.GetAsync(new Uri("/admin", UriKind.Relative)))
        {
            Assert.StartsWith("https://localhost/admin/signin", signedOut.Headers.Location!.ToString());
        }

        using var again = await factory.SignedInClientAsync(email, password);
        using (var refused = await again.GetAsync(new Uri("/admin/appeals", UriKind.Relative)))
        {
            Assert.Contains("/admin/denied", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        var entry = await factory.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Target == AuditLog.Staff(id) && e.Action == AuditActions.StaffRoleChanged));
        Assert.Equal(("Editor to Writer", factory.AdminEmail), (entry.Detail, entry.StaffEmail));
    }

    [Fact]
    public async Task A_deactivated_account_is_signed_out_and_answered_as_an_unknown_one_until_it_is_reactivated()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Writer);
        using var colleague = await factory.SignedInClientAsync(email, password);
        using var admin = await factory.SignedInAdminAsync();
        var id = await IdOfAsync(email);

        using (var off = await PostAsync(admin, "Deactivate", id))
        {
            Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        }

        Assert.Equal(AuditActions.StaffDeactivated, (await LastEntryAsync(id)).Action);
        using (var signedOut = await colleague.GetAsync(new Uri("/admin", UriKind.Relative)))
        {
            Assert.StartsWith("https://localhost/admin/signin", signedOut.Headers.Location!.ToString());
        }

        using var stranger = factory.CreateBrowserClient();
        using (var unknown = await TwoFactorSteps.PasswordAsync(factory, stranger, $"nobody-{EditorDesk.Unique()}@masthead.test", password))
        using (var deactivated = await TwoFactorSteps.PasswordAsync(factory, stranger, email, password))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, deactivated.StatusCode);
            Assert.Equal(unknown.StatusCode, deactivated.StatusCode);
            Assert.Equal(Message(await Html.ParseAsync(unknown)), Message(await Html.ParseAsync(deactivated)));
        }

        using (var on = await PostAsync(admin, "Reactivate", id))
        {
            Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        }

        Assert.Equal(AuditActions.StaffReactivated, (await LastEntryAsync(id)).Action);
        using var back = await factory.SignedInClientAsync(email, password);
        await factory.GetPageAsync(back, "/admin");
    }

    [Fact]
    public async Task The_last_active_admin_can_be_neither_demoted_nor_deactivated()
    {
        await using var own = factory.Fresh();
        using var admin = await own.SignedInAdminAsync();
        var id = await own.WithDbAsync(db => db.Staff.Where(s => s.Email == own.AdminEmail).Select(s => s.Id).SingleAsync());

        foreach (var (handler, extra) in new[] { ("ChangeRole", ("role", "Editor")), ("Deactivate", ("", "")) })
        {
            using var refused = await PostAsync(own, admin, handler, id, extra);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(StaffAccounts.LastAdmin, (await Html.ParseAsync(refused)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        }

        var stored = await own.WithDbAsync(db => db.Staff.Where(s => s.Id == id).Select(s => new { s.Role, s.DeactivatedAt }).SingleAsync());
        Assert.Equal(StaffRole.Admin, stored.Role);
        Assert.Null(stored.DeactivatedAt);
        await own.GetPageAsync(admin, "/admin/staff");

        // With a second active admin, the first may step down.
        var (second, _) = await EditorDesk.AddStaffAsync(own, StaffRole.Admin);
        Assert.NotEqual(second, own.AdminEmail);
        using var steppedDown = await PostAsync(own, admin, "ChangeRole", id, ("role", "Editor"));
        Assert.Equal(HttpStatusCode.OK, steppedDown.StatusCode);
    }

    private Task<HttpResponseMessage> PostAsync(HttpClient admin, string handler, int id, params (string Name, string Value)[] extra) =>
        PostAsync(factory, admin, handler, id, extra);

    private static Task<HttpResponseMessage> PostAsync(MastheadFactory on, HttpClient admin, string handler, int id, params (string Name, string Value)[] extra)
    {
        var fields = new List<KeyValuePair<string, string>> { new("staffId", id.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        fields.AddRange(extra.Where(e => e.Name.Length > 0).Select(e => new KeyValuePair<string, string>(e.Name, e.Value)));
        return on.PostFormAsync(admin, "/admin/staff", fields, $"/admin/staff?handler={handler}");
    }

    private Task<int> IdOfAsync(string email) => factory.WithDbAsync(db => db.Staff.Where(s => s.Email == email).Select(s => s.Id).SingleAsync());

    private Task<AuditEntry> LastEntryAsync(int staffId) =>
        factory.WithDbAsync(db => db.AuditEntries.Where(e => e.Target == AuditLog.Staff(staffId)).OrderByDescending(e => e.Id).FirstAsync());

    private static string Message(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelector(".form-errors")!.TextContent.Trim();
}

[Collection(SqliteCollection.Name)]
public sealed class StaffManagementTestsOnSqlite(SqliteFactory factory) : StaffManagementTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class StaffManagementTestsOnPostgres(PostgresFactory factory) : StaffManagementTests(factory);
