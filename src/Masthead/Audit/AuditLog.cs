using System.Globalization;
using System.Security.Claims;
using Masthead.Data;
using Masthead.Staff;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Audit;

/// <summary>
/// Writes <see cref="AuditEntry"/> rows. <c>Record</c> only adds the entry to the context, so the caller's own
/// SaveChanges (or transaction) writes it together with the action: an action is never saved without its entry.
/// </summary>
public sealed class AuditLog(MastheadDb db, TimeProvider clock)
{
    public static string Staff(int id) => Target("staff", id);

    public static string Target(string kind, long id) => $"{kind} {id.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>An action by the signed-in <paramref name="actor"/>, taken from the claims of their cookie.</summary>
    public AuditEntry Record(ClaimsPrincipal actor, string action, string target, string detail = "")
    {
        ArgumentNullException.ThrowIfNull(actor);
        var id = actor.FindFirstValue(ClaimTypes.NameIdentifier);
        return Add(new AuditEntry
        {
            StaffId = id is null ? null : int.Parse(id, CultureInfo.InvariantCulture),
            StaffName = actor.FindFirstValue(ClaimTypes.Name) ?? "",
            StaffEmail = actor.FindFirstValue(ClaimTypes.Email) ?? "",
            Action = action,
            Target = target,
            Detail = detail,
        });
    }

    /// <summary>An action on behalf of <paramref name="actor"/> before they hold a cookie (signing in).</summary>
    public AuditEntry Record(StaffMember actor, string action, string target, string detail = "")
    {
        ArgumentNullException.ThrowIfNull(actor);
        return Add(new AuditEntry { StaffId = actor.Id, StaffName = actor.DisplayName, StaffEmail = actor.Email, Action = action, Target = target, Detail = detail });
    }

    /// <summary>An action taken on the server's command line, where nobody is signed in.</summary>
    public AuditEntry RecordCommandLine(string action, string target, string detail = "") =>
        Add(new AuditEntry { StaffName = "command line", Action = action, Target = target, Detail = detail });

    /// <summary>
    /// Records a sign-in attempt and saves it. A failure names the account the address belongs to, or "unknown account":
    /// never the typed text, which may be a password typed into the wrong field.
    /// </summary>
    public async Task RecordSignInAsync(string typedEmail, StaffSignIn.Outcome outcome, CancellationToken cancellationToken)
    {
        var normalized = typedEmail.Trim().ToLowerInvariant();
        var account = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Email == normalized, cancellationToken);
        var (action, detail) = outcome switch
        {
            StaffSignIn.Outcome.PasswordRight => (AuditActions.SignIn, ""),
            StaffSignIn.Outcome.Throttled => (AuditActions.SignInFailed, "too many failures from this address: not checked"),
            _ => (AuditActions.SignInFailed, account is null ? "" : "wrong password"),
        };
        if (account is null)
        {
            Add(new AuditEntry { Action = action, Target = "unknown account", Detail = detail });
        }
        else
        {
            Record(account, action, Staff(account.Id), detail);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Records the code step of a two-factor sign-in, passed or failed, and saves it.</summary>
    public async Task RecordCodeStepAsync(StaffMember staff, StaffSignIn.SecondStepOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var (action, detail) = outcome switch
        {
            StaffSignIn.SecondStepOutcome.SignedIn => (AuditActions.SignIn, "with two-factor sign-in"),
            StaffSignIn.SecondStepOutcome.Throttled => (AuditActions.SignInFailed, "too many failures from this address"),
            StaffSignIn.SecondStepOutcome.AlreadyUsed => (AuditActions.SignInFailed, "a code already used"),
            StaffSignIn.SecondStepOutcome.Expired => (AuditActions.SignInFailed, "code step too late"),
            _ => (AuditActions.SignInFailed, "wrong code"),
        };
        Record(staff, action, Staff(staff.Id), detail);
        await db.SaveChangesAsync(cancellationToken);
    }

    private AuditEntry Add(AuditEntry entry)
    {
        entry.At = clock.GetUtcNow();
        entry.StaffName = Cut(entry.StaffName, AuditEntry.NameLength);
        entry.StaffEmail = Cut(entry.StaffEmail, AuditEntry.EmailLength);
        entry.Target = Cut(entry.Target, AuditEntry.TargetLength);
        entry.Detail = Cut(entry.Detail, AuditEntry.DetailLength);
        db.AuditEntries.Add(entry);
        return entry;
    }

    private static string Cut(string text, int length) => Web.TypedText.Cut(text, length);
}
