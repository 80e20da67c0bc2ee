using System.Net;
using Masthead.Privacy;
using Masthead.Staff;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Staff;

public abstract class TwoFactorSetupTests(MastheadFactory factory)
{
    [Fact]
    public async Task A_writer_sets_up_two_factor_from_the_QR_code_and_then_needs_a_code_before_any_admin_cookie()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Writer);
        using var writer = await factory.SignedInClientAsync(email, password);

        var setup = await factory.GetPageAsync(writer, TwoFactorSteps.SetupPath);
        var qr = setup.QuerySelector("img.qr-code")!.GetAttribute("src")!;
        Assert.StartsWith("data:image/png;base64,", qr);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], Convert.FromBase64String(qr["data:image/png;base64,".Length..])[..4]);
        var key = setup.QuerySelector(".totp-secret")!.TextContent;
        var uri = setup.QuerySelector(".totp-uri")!.TextContent;
        Assert.StartsWith($"otpauth://totp/{Uri.EscapeDataString("The Meridian")}:", uri);
        Assert.Contains($"secret={key}&issuer={Uri.EscapeDataString("The Meridian")}", uri);

        var enrolment = await TwoFactorSteps.EnrolAsync(factory, writer);
        var stored = await factory.WithDbAsync(async db =>
        {
            var staff = await db.Staff.AsNoTracking().SingleAsync(s => s.Email == email);
            return (staff.TotpSecretProtected, Hashes: await db.StaffRecoveryCodes.Where(c => c.StaffMemberId == staff.Id).Select(c => c.CodeHash).ToListAsync());
        });
        Assert.StartsWith(factory.Services.GetRequiredService<PersonalData>().CurrentPrefix, stored.TotpSecretProtected);
        Assert.DoesNotContain(Totp.ToBase32(enrolment.Secret), stored.TotpSecretProtected!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(TwoFactor.RecoveryCodeCount, stored.Hashes.Count);
        Assert.Empty(stored.Hashes.Intersect(enrolment.RecoveryCodes));

        using var again = factory.CreateBrowserClient(out var cookies);
        using (var passwordStep = await TwoFactorSteps.PasswordAsync(factory, again, email, password))
        {
            Assert.Equal(TwoFactorSteps.CodePath, passwordStep.Headers.Location!.OriginalString);
        }

        Assert.DoesNotContain("masthead_staff", cookies.Names);
        using (var notYet = await again.GetAsync(new Uri("/admin", UriKind.Relative)))
        {
            Assert.StartsWith("https://localhost/admin/signin", notYet.Headers.Location!.ToString());
        }

        using (var answered = await TwoFactorSteps.AnswerAsync(factory, again, await TwoFactorSteps.FreshCodeAsync(factory, email)))
        {
            Assert.Equal("/admin", answered.Headers.Location!.OriginalString);
        }

        await factory.GetPageAsync(again, "/admin");
    }

    [Fact]
    public async Task An_admin_without_two_factor_is_sent_to_set_it_up_and_can_do_nothing_else_until_then()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Admin);
        using var admin = factory.CreateBrowserClient();
        using (var passwordStep = await TwoFactorSteps.PasswordAsync(factory, admin, email, password))
        {
            Assert.Equal(TwoFactorSteps.SetupPath, passwordStep.Headers.Location!.OriginalString);
        }

        foreach (var url in new[] { "/admin", "/admin/staff", "/admin/supporters", "/admin/account/sessions" })
        {
            using var forced = await admin.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, forced.StatusCode);
            Assert.Equal(TwoFactorSteps.SetupPath, forced.Headers.Location!.OriginalString);
        }

        var setup = await factory.GetPageAsync(admin, TwoFactorSteps.SetupPath);
        Assert.Contains("Admins must use two-factor sign-in", setup.QuerySelector("main")!.TextContent);

        await TwoFactorSteps.EnrolAsync(factory, admin);
        await factory.GetPageAsync(admin, "/admin/staff");
    }

    [Fact]
    public async Task A_writer_without_two_factor_is_not_asked_for_it()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Writer);
        using var writer = factory.CreateBrowserClient();
        using (var passwordStep = await TwoFactorSteps.PasswordAsync(factory, writer, email, password))
        {
            Assert.Equal("/admin", passwordStep.Headers.Location!.OriginalString);
        }

        await factory.GetPageAsync(writer, "/admin");
    }

    [Fact]
    public async Task Turning_two_factor_off_or_making_new_recovery_codes_needs_a_code_or_the_password()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Editor);
        using var editor = await factory.SignedInClientAsync(email, password);
        var first = await TwoFactorSteps.EnrolAsync(factory, editor);

        using (var refused = await factory.PostFormAsync(editor, TwoFactorSteps.SetupPath,
            new Dictionary<string, string> { ["Confirmation"] = "a guess" }, TwoFactorSteps.SetupPath + "/Disable"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("neither a current code from your app nor your password", await refused.Content.ReadAsStringAsync());
        }

        using (var renewed = await factory.PostFormAsync(editor, TwoFactorSteps.SetupPath,
            new Dictionary<string, string> { ["Confirmation"] = await TwoFactorSteps.FreshCodeAsync(factory, email) }, TwoFactorSteps.SetupPath + "/RecoveryCodes"))
        {
            Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
            var codes = (await Html.ParseAsync(renewed)).QuerySelectorAll(".recovery-codes code").Select(c => c.TextContent).ToList();
            Assert.Equal(TwoFactor.RecoveryCodeCount, codes.Count);
            Assert.Empty(codes.Intersect(first.RecoveryCodes));
        }

        using var oldRecovery = factory.CreateBrowserClient();
        using (var passwordStep = await TwoFactorSteps.PasswordAsync(factory, oldRecovery, email, password))
        {
            await TwoFactorSteps.RefusedAsync(factory, oldRecovery, first.RecoveryCodes[0], "not right or has expired");
        }

        using (var off = await factory.PostFormAsync(editor, TwoFactorSteps.SetupPath,
            new Dictionary<string, string> { ["Confirmation"] = password }, TwoFactorSteps.SetupPath + "/Disable"))
        {
            Assert.Equal(TwoFactorSteps.SetupPath, off.Headers.Location!.OriginalString);
        }

        Assert.True(await factory.WithDbAsync(async db =>
        {
            var staff = await db.Staff.AsNoTracking().SingleAsync(s => s.Email == email);
            return staff.TotpSecretProtected is null && !await db.StaffRecoveryCodes.AnyAsync(c => c.StaffMemberId == staff.Id);
        }));
        using var withoutCode = factory.CreateBrowserClient();
        using var signedIn = await TwoFactorSteps.PasswordAsync(factory, withoutCode, email, password);
        Assert.Equal("/admin", signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_admin_resets_two_factor_for_a_colleague_who_lost_their_phone()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Admin);
        using var colleague = await factory.SignedInClientAsync(email, password);
        var staffId = await factory.WithDbAsync(db => db.Staff.Where(s => s.Email == email).Select(s => s.Id).SingleAsync());
        using var admin = await factory.SignedInAdminAsync();

        using (var reset = await factory.PostFormAsync(admin, "/admin/staff",
            new Dictionary<string, string> { ["staffId"] = staffId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/admin/staff?handler=ResetTwoFactor"))
        {
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
            Assert.Contains("must set it up again at the next sign-in", await reset.Content.ReadAsStringAsync());
        }

        using (var signedOut = await colleague.GetAsync(new Uri("/admin", UriKind.Relative)))
        {
            Assert.StartsWith("https://localhost/admin/signin", signedOut.Headers.Location!.ToString());
        }

        using var again = factory.CreateBrowserClient();
        using var passwordStep = await TwoFactorSteps.PasswordAsync(factory, again, email, password);
        Assert.Equal(TwoFactorSteps.SetupPath, passwordStep.Headers.Location!.OriginalString);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TwoFactorSetupTestsOnSqlite(SqliteFactory factory) : TwoFactorSetupTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class TwoFactorSetupTestsOnPostgres(PostgresFactory factory) : TwoFactorSetupTests(factory);
