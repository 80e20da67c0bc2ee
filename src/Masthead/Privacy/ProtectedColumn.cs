using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Privacy;

/// <summary>A column of personal data protected by <see cref="PersonalData"/>, with the lookup hash kept beside it, if any.</summary>
internal abstract class ProtectedColumn
{
    public abstract string Name { get; }

    public abstract Task<int> CountNotUnderAsync(MastheadDb db, string prefix, CancellationToken cancellationToken);

    /// <summary>Re-encrypts (and re-hashes) every value the current key did not make; returns how many it changed and could not read.</summary>
    public abstract Task<(int Changed, int Unreadable)> ReencryptAsync(MastheadDb db, PersonalData data, CancellationToken cancellationToken);

    public abstract Task ForgetPreviousHashesAsync(MastheadDb db, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="count"/> stored values, for checking that this node's key reads them.</summary>
    public abstract Task<List<string>> SampleAsync(MastheadDb db, int count, CancellationToken cancellationToken);
}

/// <param name="table">The table's name, for messages.</param>
/// <param name="value">The property holding <see cref="PersonalData.Protect"/>'s output.</param>
/// <param name="hash">The property holding the <see cref="PersonalData.LookupHash"/> of the same text, if any.</param>
/// <param name="previousHash">Where the hash before a rotation is kept for links already sent, if anywhere.</param>
/// <param name="mayHoldClearText">
/// Whether rows from before the column was protected may still hold clear text: a rotation seals them as they are,
/// and they are not taken for values made with a foreign key.
/// </param>
internal sealed class ProtectedColumn<T>(string table, string value, string? hash = null, string? previousHash = null, bool mayHoldClearText = false) : ProtectedColumn
    where T : class
{
    private const int BatchSize = 500;

    public override string Name => $"{table}.{value}";

    public override Task<int> CountNotUnderAsync(MastheadDb db, string prefix, CancellationToken cancellationToken) =>
        NotUnder(db, prefix).CountAsync(cancellationToken);

    public override async Task<(int Changed, int Unreadable)> ReencryptAsync(MastheadDb db, PersonalData data, CancellationToken cancellationToken)
    {
        var changed = 0;
        var unreadable = new HashSet<string>(StringComparer.Ordinal);

        // Passes in the order of the values until one changes nothing: a value the site wrote under the old key while a
        // pass ran (before it read the new key file) is caught by the next pass.
        for (var passChanged = -1; passChanged != 0;)
        {
            passChanged = 0;
            string? after = null;
            while (true)
            {
                var query = NotUnder(db, data.CurrentPrefix);
                if (after is not null)
                {
                    query = query.Where(e => string.Compare(EF.Property<string>(e, value), after) > 0);
                }

                var batch = await query.Select(e => EF.Property<string>(e, value)).Distinct().OrderBy(v => v).Take(BatchSize).ToListAsync(cancellationToken);
                if (batch.Count == 0)
                {
                    break;
                }

                after = batch[^1];
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                foreach (var old in batch)
                {
                    if ((mayHoldClearText && !PersonalData.IsProtected(old) ? old : data.TryUnprotect(old)) is not { } plain)
                    {
                        unreadable.Add(old);
                        continue;
                    }

                    passChanged += await RewriteAsync(db, old, data.Protect(plain), hash is null ? null : data.LookupHash(plain), cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }

            changed += passChanged;
        }

        return (changed, unreadable.Count);
    }

    public override Task<List<string>> SampleAsync(MastheadDb db, int count, CancellationToken cancellationToken) =>
        db.Set<T>().Select(e => EF.Property<string?>(e, value)).Where(v => v != null && v != "")
            .Where(v => !mayHoldClearText || v!.StartsWith("v1:") || v!.StartsWith("v2.")).Select(v => v!).OrderBy(v => v).Take(count).ToListAsync(cancellationToken);

    public override async Task ForgetPreviousHashesAsync(MastheadDb db, CancellationToken cancellationToken)
    {
        if (previousHash is not null)
        {
            await db.Set<T>().Where(e => EF.Property<string?>(e, previousHash) != null)
                .ExecuteUpdateAsync(s => s.SetProperty(e => EF.Property<string?>(e, previousHash), (string?)null), cancellationToken);
        }
    }

    /// <summary>
    /// Only where the old value is still there: a row the site changed or erased meanwhile is left as the site left it,
    /// so a rotation never brings back data erased while it ran.
    /// </summary>
    private Task<int> RewriteAsync(MastheadDb db, string old, string replacement, string? newHash, CancellationToken cancellationToken) =>
        db.Set<T>().Where(e => EF.Property<string>(e, value) == old).ExecuteUpdateAsync(s =>
        {
            s.SetProperty(e => EF.Property<string>(e, value), replacement);
            if (hash is not null)
            {
                if (previousHash is not null)
                {
                    s.SetProperty(e => EF.Property<string?>(e, previousHash), e => EF.Property<string?>(e, hash));
                }

                s.SetProperty(e => EF.Property<string?>(e, hash), newHash);
            }
        }, cancellationToken);

    /// <summary>Values present (not null, not erased to empty) that do not start with the current key's prefix.</summary>
    private IQueryable<T> NotUnder(MastheadDb db, string prefix) =>
        db.Set<T>().Where(e => EF.Property<string?>(e, value) != null && EF.Property<string?>(e, value) != ""
            && !EF.Property<string>(e, value).StartsWith(prefix));
}
