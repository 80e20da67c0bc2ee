using System.CommandLine;
using Masthead.Audit;
using Masthead.Data;
using Masthead.Operations;
using Masthead.Staff;
using Microsoft.EntityFrameworkCore;

/// <summary>The commands about staff accounts.</summary>
internal static partial class MastheadCommands
{
    private static Argument<string> EmailArgument(string description)
    {
        var email = new Argument<string>("email") { Description = description };
        email.Validators.Add(result =>
        {
            if (!Masthead.Email.EmailAddresses.IsValid(result.GetValueOrDefault<string>()))
            {
                result.AddError("email must be an address, such as jane@example.org.");
            }
        });
        return email;
    }

    private static Command CreateStaffCommand(Context context)
    {
        var email = EmailArgument("Their sign-in address.");
        var role = new Argument<StaffRole>("role") { Description = "Writer, Editor or Admin." };
        var name = new Argument<string[]>("display-name") { Description = "The name shown in the admin (by default the address).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("create-staff", "Creates a staff account and prints its one-time password, to be changed at first sign-in. " +
            "Recorded in the audit log as done on the command line.") { email, role, name };
        command.SetAction((parsed, cancellationToken) => context.Run(() =>
            CreateStaffAsync(context, parsed.GetRequiredValue(email), parsed.GetValue(role), parsed.GetValue(name) ?? [], cancellationToken)));
        return command;
    }

    private static Command ResetTwoFactorCommand(Context context)
    {
        var email = EmailArgument("The staff member's sign-in address.");
        var command = new Command("reset-two-factor", "For someone locked out (a lost phone and lost recovery codes, even the only admin): turns their " +
            "two-factor sign-in off, deletes their recovery codes and signs them out everywhere. An admin must set it up again at the next sign-in. " +
            "Recorded in the audit log as done on the command line.") { email };
        command.SetAction((parsed, cancellationToken) => context.Run(() => ResetTwoFactorAsync(context, parsed.GetRequiredValue(email), cancellationToken)));
        return command;
    }

    private static async Task<int> CreateStaffAsync(Context context, string address, StaffRole role, string[] name, CancellationToken cancellationToken)
    {
        await DataSetup.MigrateAsync(context.Services, cancellationToken);
        await using var scope = context.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        var email = address.Trim().ToLowerInvariant();
        if (await db.Staff.AnyAsync(s => s.Email == email, cancellationToken))
        {
            await context.Error.WriteLineAsync($"{email} already has an account.");
            return ExitCodes.Failed;
        }

        var password = StaffSetup.GeneratePassword();
        var staff = new StaffMember { Email = email, DisplayName = name.Length > 0 ? string.Join(' ', name) : email, Role = role };
        scope.ServiceProvider.GetRequiredService<StaffSignIn>().SetPassword(staff, password);
        staff.MustChangePassword = true;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Staff.Add(staff);
        await db.SaveChangesAsync(cancellationToken);
        scope.ServiceProvider.GetRequiredService<AuditLog>().RecordCommandLine(AuditActions.StaffCreated, AuditLog.Staff(staff.Id), $"role {role}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await context.Output.WriteLineAsync($"Created {role} {email} with one-time password {password} (to be changed at first sign-in).");
        return ExitCodes.Done;
    }

    private static async Task<int> ResetTwoFactorAsync(Context context, string address, CancellationToken cancellationToken)
    {
        await DataSetup.MigrateAsync(context.Services, cancellationToken);
        await using var scope = context.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        var email = address.Trim().ToLowerInvariant();
        if (await db.Staff.SingleOrDefaultAsync(s => s.Email == email, cancellationToken) is not { } member)
        {
            await context.Error.WriteLineAsync($"There is no staff account for {email}; nothing was changed.");
            return ExitCodes.Failed;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var had = member.HasTwoFactor;
        await scope.ServiceProvider.GetRequiredService<TwoFactor>().DisableAsync(member, cancellationToken);
        var ended = await StaffSetup.EndSessionsAsync(db, member.Id, except: null, cancellationToken);
        scope.ServiceProvider.GetRequiredService<AuditLog>().RecordCommandLine(AuditActions.TwoFactorReset, AuditLog.Staff(member.Id),
            $"turned off on the server's command line; {ended} session{(ended == 1 ? "" : "s")} ended");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await context.Output.WriteLineAsync(
            $"Two-factor sign-in is {(had ? "now off" : "already off")} for {email}, whose recovery codes are deleted; signed out everywhere ({ended} session{(ended == 1 ? "" : "s")} ended)." +
            (member.Role == StaffRole.Admin ? " As an admin they must set it up again at the next sign-in." : ""));
        return ExitCodes.Done;
    }
}
