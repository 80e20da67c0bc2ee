using Masthead.Audit;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Staff.Admin;

/// <summary>An admin changes a colleague's role, or turns their account off and on; each ends their sessions at once.</summary>
public sealed partial class AccountsModel
{
    public async Task<IActionResult> OnPostChangeRoleAsync(int staffId, string? role, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<StaffRole>(role, ignoreCase: false, out var newRole) || !Enum.IsDefined(newRole) || int.TryParse(role, out _))
        {
            return await RefusedAsync("Choose writer, editor or admin.", cancellationToken);
        }

        return await ChangeAsync(staffId, async member =>
        {
            if (member.Role == newRole)
            {
                return $"{member.DisplayName} is already {Article(newRole)}.";
            }

            if (newRole != StaffRole.Admin && await StaffAccounts.IsLastActiveAdminAsync(db, member, cancellationToken))
            {
                return null;
            }

            audit.Record(User, AuditActions.StaffRoleChanged, AuditLog.Staff(member.Id), $"{member.Role} to {newRole}");
            member.Role = newRole;
            return $"{member.DisplayName} is now {Article(newRole)}, signed out everywhere so the new role applies at once.";
        }, cancellationToken);
    }

    public Task<IActionResult> OnPostDeactivateAsync(int staffId, CancellationToken cancellationToken) =>
        ChangeAsync(staffId, async member =>
        {
            if (!member.IsActive)
            {
                return $"{member.DisplayName}'s account is already off.";
            }

            if (await StaffAccounts.IsLastActiveAdminAsync(db, member, cancellationToken))
            {
                return null;
            }

            member.Deactivate(clock.GetUtcNow());
            audit.Record(User, AuditActions.StaffDeactivated, AuditLog.Staff(member.Id), "signed out everywhere");
            return $"{member.DisplayName}'s account is off: they are signed out everywhere and cannot sign in.";
        }, cancellationToken);

    public Task<IActionResult> OnPostReactivateAsync(int staffId, CancellationToken cancellationToken) =>
        ChangeAsync(staffId, member =>
        {
            if (member.IsActive)
            {
                return Task.FromResult<string?>($"{member.DisplayName}'s account is already on.");
            }

            member.Reactivate();
            audit.Record(User, AuditActions.StaffReactivated, AuditLog.Staff(member.Id));
            return Task.FromResult<string?>($"{member.DisplayName}'s account is on again: they can sign in with their password.");
        }, cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> to the account in one locked transaction and ends the account's sessions. The
    /// change answers what to tell the admin, or null when it would leave the newsroom without an active admin.
    /// </summary>
    private async Task<IActionResult> ChangeAsync(int staffId, Func<StaffMember, Task<string?>> change, CancellationToken cancellationToken)
    {
        await using var transaction = await StaffAccounts.BeginChangeAsync(db, cancellationToken);
        var member = await db.Staff.FindAsync([staffId], cancellationToken);
        if (member is null)
        {
            return NotFound();
        }

        var done = await change(member);
        if (done is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await RefusedAsync($"{member.DisplayName} {StaffAccounts.LastAdmin}", cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await StaffSetup.EndSessionsAsync(db, staffId, except: null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Done = done;
        ModelState.Clear();
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Why the last change to a colleague's account was refused, said beside the list of staff.</summary>
    public string? Refusal { get; private set; }

    private async Task<IActionResult> RefusedAsync(string message, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        Refusal = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private static string Article(StaffRole role) => role == StaffRole.Admin ? "an admin" : $"a {role.ToString().ToLowerInvariant()}";
}
