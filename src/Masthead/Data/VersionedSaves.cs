using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Masthead.Data;

/// <summary>The one way an <see cref="IVersioned"/> entity is saved, so two editors never silently overwrite each other.</summary>
public static class VersionedSaves
{
    /// <summary>
    /// Saves <paramref name="db"/>'s changes with <paramref name="entity"/> one version on. An entity read from the
    /// database (not one just added) is written only where its stored version is still <paramref name="readVersion"/>:
    /// EF Core updates "where Version = @read", so a save committed since the form was read leaves this one updating
    /// nothing (on PostgreSQL a concurrent save waits on the row, then finds it moved). Then <paramref name="transaction"/>
    /// is rolled back, <paramref name="entity"/> reloaded as it now is, nothing of this save stays tracked to be written
    /// later, and the answer is false.
    /// </summary>
    public static async Task<bool> SaveVersionedAsync<T>(
        this MastheadDb db, T entity, int readVersion, IDbContextTransaction transaction, CancellationToken cancellationToken)
        where T : class, IVersioned
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(transaction);
        var entry = db.Entry(entity);
        if (entry.State != EntityState.Added)
        {
            entry.Property(nameof(IVersioned.Version)).OriginalValue = readVersion;
        }

        entity.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(cancellationToken);
            await entry.ReloadAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
