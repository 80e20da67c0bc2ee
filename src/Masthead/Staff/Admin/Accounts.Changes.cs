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
            return await RefusedAsync(text["Choose writer, editor or admin."], cancellationToken);
        }

        return await ChangeAsync(staffId, async member =>
        {
            if (member.Role == newRole)
            {
                return text[$"AlreadyRole.{newRole}", member.DisplayName];
            }

            if (newRole != StaffRole.Admin && await StaffAccounts.IsLastActiveAdminAsync(db, member, cancellationToken))
            {
                return null;
            }

            audit.Record(User, AuditActions.StaffRoleChanged, AuditLog.Staff(member.Id), $"{member.Role} to {newRole}");
            member.Role = newRole;
            return text[$"NowRole.{newRole}", member.DisplayName];
        }, cancellationToken);
    }

    public Task<IActionResult> OnPostDeactivateAsync(int staffId, CancellationToken cancellationToken) =>
        ChangeAsync(staffId, async member =>
        {
            if (!member.IsActive)
            {
                return text["AlreadyOff", member.DisplayName];
            }

            if (await StaffAccounts.IsLastActiveAdminAsync(db, member, cancellationToken))
            {
                return null;
            }

            member.Deactivate(clock.GetUtcNow());
            audit.Record(User, AuditActions.StaffDeactivated, AuditLog.Staff(member.Id), "signed out everywhere");
            return text["NowOff", member.DisplayName];
        }, cancellationToken);

    public Task<IActionResult> OnPostReactivateAsync(int staffId, CancellationToken cancellationToken) =>
        ChangeAsync(staffId, member =>
        {
            if (member.IsActive)
            {
                return Task.FromResult<string?>(text["AlreadyOn", member.DisplayName]);
            }

            member.Reactivate();
            audit.Record(User, AuditActions.StaffReactivated, AuditLog.Staff(member.Id));
            return Task.FromResult<string?>(text["NowOn", member.DisplayName]);
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
            return await RefusedAsync(text["LastAdmin", member.DisplayName], cancellationToken);
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
}
