using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Staff;

/// <summary>
/// Changing a colleague's account: their role, or turning it off and on. The newsroom never loses its last active
/// admin this way, since nobody else could then manage staff or payments.
/// </summary>
public static class StaffAccounts
{
    public const string LastAdmin = "is the only active admin: make someone else an admin first, so the newsroom is never left without one.";

    /// <summary>
    /// Opens the transaction in which an account changes. On PostgreSQL it first takes a lock held until the
    /// transaction ends, so two admins demoting each other at the same moment cannot both succeed; SQLite has one
    /// writer at a time, and a transaction that read before another's write fails rather than commit on stale facts.
    /// </summary>
    public static async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginChangeAsync(MastheadDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db is PostgresMastheadDb)
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7316372841)", cancellationToken);
        }

        return transaction;
    }

    /// <summary>Whether <paramref name="staff"/> is the only active admin, so may be neither demoted nor deactivated.</summary>
    public static async Task<bool> IsLastActiveAdminAsync(MastheadDb db, StaffMember staff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(staff);
        return staff.Role == StaffRole.Admin && staff.IsActive
            && !await db.Staff.AnyAsync(s => s.Id != staff.Id && s.Role == StaffRole.Admin && s.DeactivatedAt == null, cancellationToken);
    }
}
