using Masthead.Audit;
using Masthead.Staff;
using Masthead.Tests.Articles;
using Masthead.Tests.Infrastructure;
using Masthead.Tests.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Operations;

/// <summary><c>reset-two-factor &lt;email&gt;</c>: the way back in for a sole admin who lost their phone and their recovery codes.</summary>
public abstract class ResetTwoFactorCommandTests(MastheadFactory factory)
{
    [Fact]
    public async Task A_locked_out_admin_is_reset_from_the_command_line_signed_out_everywhere_and_the_audit_log_says_so()
    {
        var (email, password) = await EditorDesk.AddStaffAsync(factory, StaffRole.Admin);
        using var lostLaptop = await factory.SignedInClientAsync(email, password);
        var staffId = await factory.WithDbAsync(db => db.Staff.Where(s => s.Email == email).Select(s => s.Id).SingleAsync());
        Assert.Equal(TwoFactor.RecoveryCodeCount, await factory.WithDbAsync(db => db.StaffRecoveryCodes.CountAsync(c => c.StaffMemberId == staffId)));

        var (exitCode, output, error) = await DataCareDesk.RunCommandAsync(factory, "reset-two-factor", email.ToUpperInvariant());

        Assert.True(exitCode == 0, output + error);
        Assert.Contains($"Two-factor sign-in is now off for {email}", output, StringComparison.Ordinal);
        Assert.Contains("must set it up again at the next sign-in", output, StringComparison.Ordinal);
        var (secret, codes, sessions) = await factory.WithDbAsync(async db => (
            await db.Staff.Where(s => s.Id == staffId).Select(s => s.TotpSecretProtected).SingleAsync(),
            await db.StaffRecoveryCodes.CountAsync(c => c.StaffMemberId == staffId),
            await db.StaffSessions.CountAsync(s => s.StaffMemberId == staffId)));
        Assert.Null(secret);
        Assert.Equal(0, codes);
        Assert.Equal(0, sessions);

        var entry = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == AuditActions.TwoFactorReset && e.Target == AuditLog.Staff(staffId)).SingleAsync());
        Assert.Equal("command line", entry.StaffName);
        Assert.Null(entry.StaffId);
        Assert.Contains("on the server's command line", entry.Detail, StringComparison.Ordinal);

        using (var signedOut = await lostLaptop.GetAsync(new Uri("/admin", UriKind.Relative)))
        {
            Assert.StartsWith("https://localhost/admin/signin", signedOut.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        using var again = factory.CreateBrowserClient();
        using var passwordStep = await TwoFactorSteps.PasswordAsync(factory, again, email, password);
        Assert.Equal(TwoFactorSteps.SetupPath, passwordStep.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_address_without_an_account_changes_nothing_and_exits_1()
    {
        var before = await factory.WithDbAsync(db => db.AuditEntries.CountAsync());

        var (exitCode, _, error) = await DataCareDesk.RunCommandAsync(factory, "reset-two-factor", "nobody-here@masthead.test");

        Assert.Equal(1, exitCode);
        Assert.Contains("There is no staff account for nobody-here@masthead.test; nothing was changed.", error, StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task Without_an_address_it_prints_its_usage_and_exits_2()
    {
        var missing = await DataCareDesk.RunCommandAsync(factory, "reset-two-factor");
        var notAnAddress = await DataCareDesk.RunCommandAsync(factory, "reset-two-factor", "admin");

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("Required argument 'email' missing", missing.Error, StringComparison.Ordinal);
        Assert.Contains("reset-two-factor <email>", missing.Error, StringComparison.Ordinal);
        Assert.Equal(2, notAnAddress.ExitCode);
        Assert.Contains("email must be an address", notAnAddress.Error, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ResetTwoFactorCommandTestsOnSqlite(SqliteFactory factory) : ResetTwoFactorCommandTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ResetTwoFactorCommandTestsOnPostgres(PostgresFactory factory) : ResetTwoFactorCommandTests(factory);
