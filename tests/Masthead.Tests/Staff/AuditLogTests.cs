using System.Globalization;
using System.Net;
using Masthead.Audit;
using Masthead.Staff;
using Masthead.Tests.Admin;
using Masthead.Tests.Articles;
using Masthead.Tests.Contributions;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Staff;

public abstract class AuditLogTests(MastheadFactory factory)
{
    [Fact]
    public async Task A_sign_in_and_failed_ones_are_recorded_against_the_account_never_with_what_was_typed()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Writer);
        var id = await StaffIdAsync(email);
        var since = await LastIdAsync();
        using var client = factory.CreateBrowserClient();
        Dictionary<string, string> Attempt(string address, string typed) => new() { ["Input.Email"] = address, ["Input.Password"] = typed };
        var mistyped = $"wrong-{EditorDesk.Unique()}";
        var passwordAsAddress = $"my-secret-{EditorDesk.Unique()}";

        using (await factory.PostFormAsync(client, "/admin/signin", Attempt(email, mistyped)))
        using (await factory.PostFormAsync(client, "/admin/signin", Attempt(passwordAsAddress, "whatever")))
        using (await factory.SignedInClientAsync(email, password))
        {
        }

        var entries = await EntriesSinceAsync(since);
        Assert.Collection(
            entries,
            failed => Assert.Equal((AuditActions.SignInFailed, id, email, AuditLog.Staff(id), "wrong password"), (failed.Action, failed.StaffId, failed.StaffEmail, failed.Target, failed.Detail)),
            unknown => Assert.Equal((AuditActions.SignInFailed, (int?)null, "", "unknown account"), (unknown.Action, unknown.StaffId, unknown.StaffEmail, unknown.Target)),
            signedIn => Assert.Equal((AuditActions.SignIn, id, email, AuditLog.Staff(id)), (signedIn.Action, signedIn.StaffId, signedIn.StaffEmail, signedIn.Target)));
        Assert.All(entries, e => Assert.Equal(factory.Clock.GetUtcNow(), e.At));
        Assert.DoesNotContain(entries, e => Text(e).Contains(mistyped, StringComparison.Ordinal) || Text(e).Contains(passwordAsAddress, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_admin_s_two_factor_set_up_code_step_and_ended_sessions_are_recorded()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Admin);
        var id = await StaffIdAsync(email);
        var since = await LastIdAsync();

        using var first = await factory.SignedInClientAsync(email, password);
        using var second = await factory.SignedInClientAsync(email, password);
        using (var ended = await factory.PostFormAsync(second, "/admin/account/sessions", [], "/admin/account/sessions?handler=EndOthers"))
        {
            Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        }

        var entries = await EntriesSinceAsync(since);
        Assert.Equal(
            [
                (AuditActions.SignIn, ""),
                (AuditActions.TwoFactorEnabled, ""),
                (AuditActions.SignIn, "with two-factor sign-in"),
                (AuditActions.SessionsEnded, "1 other than this browser"),
            ],
            entries.Select(e => (e.Action, e.Detail)));
        Assert.All(entries, e => Assert.Equal((id, AuditLog.Staff(id)), (e.StaffId!.Value, e.Target)));
    }

    [Fact]
    public async Task Publishing_scheduling_and_unpublishing_are_recorded_with_the_editor_and_the_article()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Editor);
        var id = await StaffIdAsync(email);
        using var editor = await factory.SignedInClientAsync(email, password);
        var author = await EditorDesk.AddAuthorAsync(factory);
        var since = await LastIdAsync();
        var input = new ArticleInput($"Audited story {EditorDesk.Unique()}", [author]);

        var article = await EditorDesk.SubmitOkAsync(editor, null, input);
        await EditorDesk.SubmitOkAsync(editor, article, input with { PublishAt = EditorDesk.LocalTime(factory.Clock.GetUtcNow().AddDays(1)) }, "Schedule");
        await EditorDesk.SubmitOkAsync(editor, article, input, "Publish");
        await EditorDesk.SubmitOkAsync(editor, article, input, "Save");
        await EditorDesk.SubmitOkAsync(editor, article, input, "Unpublish");

        var entries = await EntriesSinceAsync(since);
        Assert.Equal([AuditActions.ArticleScheduled, AuditActions.ArticlePublished, AuditActions.ArticleUnpublished], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal((id, email, $"article {article}"), (e.StaffId!.Value, e.StaffEmail, e.Target)));
        Assert.Contains(input.Headline, entries[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_activating_and_switching_off_an_appeal_are_recorded()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Editor);
        var id = await StaffIdAsync(email);
        using var editor = await factory.SignedInClientAsync(email, password);
        var since = await LastIdAsync();

        var appeal = await AppealDesk.SaveOkAsync(editor, null, AppealDesk.Fields("Audited appeal", "Keep us going."));
        await AppealDesk.SaveOkAsync(editor, appeal, AppealDesk.Fields("Audited appeal", "Keep us going."), "Activate");
        using (var off = await factory.PostFormAsync(editor, "/admin/appeals", [], "/admin/appeals?handler=SwitchOff"))
        {
            Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        }

        // Switching off switches off every appeal that was on; this one's entries are the ones to check.
        var entries = (await EntriesSinceAsync(since)).Where(e => e.Target == $"appeal {appeal}").ToList();
        Assert.Equal([AuditActions.AppealSaved, AuditActions.AppealSaved, AuditActions.AppealActivated, AuditActions.AppealDeactivated], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal((id, $"appeal {appeal}"), (e.StaffId!.Value, e.Target)));
    }

    [Fact]
    public async Task Creating_a_staff_account_and_changing_a_password_are_recorded_with_who_did_it()
    {
        using var admin = await factory.SignedInAdminAsync();
        var adminId = await StaffIdAsync(factory.AdminEmail);
        var since = await LastIdAsync();
        var email = $"audited-{EditorDesk.Unique()}@masthead.test";
        using var created = await factory.PostFormAsync(admin, "/admin/staff", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Audited Writer", ["Input.Email"] = email, ["Input.Role"] = "Editor", ["Input.WritesUnderByline"] = "false",
        });
        var oneTime = (await Html.ParseAsync(created)).QuerySelector(".notice code")!.TextContent;
        var newId = await StaffIdAsync(email);
        using var newcomer = await factory.SignedInClientAsync(email, oneTime);
        using (var changed = await factory.PostFormAsync(newcomer, "/admin/password", new Dictionary<string, string>
        {
            ["Input.Current"] = oneTime, ["Input.New"] = "a long and private passphrase", ["Input.Confirm"] = "a long and private passphrase",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        var entries = await EntriesSinceAsync(since);
        Assert.Collection(
            entries,
            staff => Assert.Equal((AuditActions.StaffCreated, adminId, factory.AdminEmail, AuditLog.Staff(newId), "role Editor"), (staff.Action, staff.StaffId!.Value, staff.StaffEmail, staff.Target, staff.Detail)),
            signIn => Assert.Equal((AuditActions.SignIn, newId), (signIn.Action, signIn.StaffId!.Value)),
            changed => Assert.Equal((AuditActions.PasswordChanged, newId, "Audited Writer", AuditLog.Staff(newId)), (changed.Action, changed.StaffId!.Value, changed.StaffName, changed.Target)));
        Assert.DoesNotContain(entries, e => Text(e).Contains(oneTime, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_log_holds_no_supporter_address_after_a_search_a_supporter_s_page_and_exports_with_emails()
    {
        using var reader = factory.CreateBrowserClient();
        var address = $"private-{EditorDesk.Unique()}@example.org";
        await SupportDesk.GiveAsync(factory, reader, address, "5", name: "Private Person", anonymous: false);
        var supporter = await factory.WithDbAsync(db => db.Supporters.Where(s => s.EmailHash == SupportDesk.HashOf(factory, address)).Select(s => s.Id).SingleAsync());
        using var admin = await factory.SignedInAdminAsync();
        var since = await LastIdAsync();

        await factory.GetPageAsync(admin, "/admin/supporters?email=" + Uri.EscapeDataString(address));
        await factory.GetPageAsync(admin, $"/admin/supporters/{supporter}");
        foreach (var export in new[] { "/admin/supporters?handler=Csv&emails=true", "/admin/supporters?handler=Csv",
            "/admin/contributions?handler=Csv&provider=" + Uri.EscapeDataString(address) })
        {
            using var response = await admin.GetAsync(new Uri(export, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await response.Content.ReadAsStringAsync();
        }

        var entries = await EntriesSinceAsync(since);
        Assert.Equal(
            [(AuditActions.SupporterViewed, $"supporter {supporter}"), (AuditActions.SupportersExported, ""), (AuditActions.SupportersExported, ""), (AuditActions.ContributionsExported, "")],
            entries.Select(e => (e.Action, e.Target)));
        Assert.Equal(["with email addresses", "without email addresses"], entries.Where(e => e.Action == AuditActions.SupportersExported).Select(e => e.Detail));
        var everything = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().ToListAsync());
        Assert.DoesNotContain(everything, e => Text(e).Contains(address, StringComparison.OrdinalIgnoreCase)
            || Text(e).Contains(address.Split('@')[0], StringComparison.OrdinalIgnoreCase) || Text(e).Contains("Private Person", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(StaffRole.Writer, "/admin/audit")]
    [InlineData(StaffRole.Writer, "/admin/audit?handler=Csv")]
    [InlineData(StaffRole.Editor, "/admin/audit")]
    [InlineData(StaffRole.Editor, "/admin/audit?handler=Csv")]
    public async Task Writers_and_editors_cannot_open_the_audit_log_or_its_export(StaffRole role, string url)
    {
        using var client = await EditorDesk.SignedInAsAsync(factory, role);
        var since = await LastIdAsync();

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/admin/denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Empty(await EntriesSinceAsync(since));
        var page = await factory.GetPageAsync(client, "/admin");
        Assert.Null(page.QuerySelector("a[href='/admin/audit']"));
    }

    [Fact]
    public async Task The_admin_reads_the_log_newest_first_filtered_by_action_and_staff_member_and_exports_it_as_CSV_which_is_itself_recorded()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Writer);
        var writerId = await StaffIdAsync(email);
        (await factory.SignedInClientAsync(email, password)).Dispose();
        using var admin = await factory.SignedInAdminAsync();
        var adminId = await StaffIdAsync(factory.AdminEmail);

        var nav = await factory.GetPageAsync(admin, "/admin");
        Assert.NotNull(nav.QuerySelector("a[href='/admin/audit']"));
        var page = await factory.GetPageAsync(admin, $"/admin/audit?action=sign-in&staff={writerId}");
        var row = Assert.Single(page.QuerySelectorAll("table.audit tbody tr"));
        Assert.Contains(email, row.TextContent, StringComparison.Ordinal);
        var newest = (await factory.GetPageAsync(admin, "/admin/audit")).QuerySelector("table.audit tbody tr")!;
        Assert.Contains(factory.AdminEmail, newest.TextContent, StringComparison.Ordinal);
        using (var bad = await admin.GetAsync(new Uri("/admin/audit?action=drop-table", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("not an action in the log", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var bad = await admin.GetAsync(new Uri("/admin/audit?staff=someone", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        var since = await LastIdAsync();
        using var response = await admin.GetAsync(new Uri($"/admin/audit?handler=Csv&staff={writerId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var table = Csv.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["at", "staff_id", "staff_name", "staff_email", "action", "target", "detail"], table[0]);
        Assert.Equal([[writerId.ToString(CultureInfo.InvariantCulture), email, AuditActions.SignIn]], table.Skip(1).Select(r => new[] { r[1], r[3], r[4] }));
        var exported = Assert.Single(await EntriesSinceAsync(since));
        Assert.Equal((AuditActions.AuditExported, adminId, $"all actions, staff {writerId}"), (exported.Action, exported.StaffId!.Value, exported.Detail));
    }

    private static string Text(AuditEntry e) => string.Join('|', e.StaffName, e.StaffEmail, e.Action, e.Target, e.Detail);

    private Task<int> StaffIdAsync(string email) => factory.WithDbAsync(db => db.Staff.Where(s => s.Email == email).Select(s => s.Id).SingleAsync());

    private Task<long> LastIdAsync() => factory.WithDbAsync(async db => await db.AuditEntries.MaxAsync(e => (long?)e.Id) ?? 0);

    private Task<List<AuditEntry>> EntriesSinceAsync(long id) =>
        factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Id > id).OrderBy(e => e.Id).ToListAsync());
}

[Collection(SqliteCollection.Name)]
public sealed class AuditLogTestsOnSqlite(SqliteFactory factory) : AuditLogTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class AuditLogTestsOnPostgres(PostgresFactory factory) : AuditLogTests(factory);
