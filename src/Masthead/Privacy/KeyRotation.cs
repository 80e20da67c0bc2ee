using Masthead.Appeals;
using Masthead.Contributions;
using Masthead.Data;
using Masthead.Operations;
using Masthead.Staff;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Privacy;

/// <summary>
/// <c>rotate-key</c>: a new personal-data key, and every protected value re-encrypted and re-hashed under it, in
/// batches, while the site keeps serving. <c>rotate-key --retire</c> then drops the old keys once nothing uses them.
/// </summary>
internal static class KeyRotation
{
    /// <summary>Every column written with <see cref="PersonalData.Protect"/>. A new one is one more line here.</summary>
    public static readonly IReadOnlyList<ProtectedColumn> Columns =
    [
        new ProtectedColumn<Supporter>("Supporters", nameof(Supporter.EmailProtected), nameof(Supporter.EmailHash), nameof(Supporter.PreviousEmailHash)),
        new ProtectedColumn<Checkout>("Checkouts", nameof(Checkout.EmailProtected), nameof(Checkout.EmailHash)),
        new ProtectedColumn<Supporter>("Supporters", nameof(Supporter.Name), mayHoldClearText: true),
        new ProtectedColumn<Checkout>("Checkouts", nameof(Checkout.Name), mayHoldClearText: true),
        new ProtectedColumn<Reminder>("Reminders", nameof(Reminder.EmailProtected)),
        new ProtectedColumn<LinkRequest>("LinkRequests", nameof(LinkRequest.EmailProtected)),
        new ProtectedColumn<StaffMember>("Staff", nameof(StaffMember.TotpSecretProtected)),
        new ProtectedColumn<PaymentEvent>("PaymentEvents", nameof(PaymentEvent.Payload), mayHoldClearText: true),
    ];

    public static async Task<int> RunAsync(IServiceProvider services, bool retire, TextWriter output, TextWriter error, Progress progress, CancellationToken cancellationToken)
    {
        await DataSetup.MigrateAsync(services, cancellationToken);
        var keys = services.GetRequiredService<PersonalDataKeys>();
        var data = services.GetRequiredService<PersonalData>();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        return retire
            ? await RetireAsync(db, keys, data, output, error, cancellationToken)
            : await RotateAsync(db, keys, data, output, error, progress, cancellationToken);
    }

    /// <summary>How many stored values the current key did not make (older keys, or unreadable).</summary>
    public static async Task<int> NotUnderCurrentKeyAsync(MastheadDb db, PersonalData data, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var column in Columns)
        {
            count += await column.CountNotUnderAsync(db, data.CurrentPrefix, cancellationToken);
        }

        return count;
    }

    private static async Task<int> RotateAsync(
        MastheadDb db, PersonalDataKeys keys, PersonalData data, TextWriter output, TextWriter error, Progress progress, CancellationToken cancellationToken)
    {
        var waiting = await NotUnderCurrentKeyAsync(db, data, cancellationToken);
        if (waiting > 0)
        {
            // A rotation that stopped half-way (or a configured key just changed): finish it under the current key.
            await output.WriteLineAsync($"{waiting} values are not yet under the current key {data.CurrentKeyId}; re-encrypting them.");
        }
        else if (keys.Configured)
        {
            await output.WriteLineAsync(
                $"Every value is already under the configured key {data.CurrentKeyId}. To rotate a configured key: add the current " +
                $"{PrivacySetup.KeySetting} to {PrivacySetup.RetiredKeysSetting} (comma-separated), set {PrivacySetup.KeySetting} to a " +
                "new key (openssl rand -base64 32), restart each server, then run rotate-key again.");
            return 0;
        }
        else
        {
            var old = data.CurrentKeyId;
            keys.MakeNewCurrentKey(old);
            data.ReloadKeys();
            await output.WriteLineAsync($"Made the new key {data.CurrentKeyId}; the old key {old} is kept, retired, until no value uses it.");
        }

        var unreadable = 0;
        foreach (var (column, done) in Columns.Select((column, i) => (column, i + 1)))
        {
            var (changed, cannotRead) = await column.ReencryptAsync(db, data, cancellationToken);
            unreadable += cannotRead;
            progress.Report($"{column.Name}: {changed} re-encrypted under key {data.CurrentKeyId}.", done, Columns.Count);
        }

        if (unreadable > 0)
        {
            await error.WriteLineAsync(
                $"{unreadable} values could not be read by any key in the ring and were left as they are. Restore the key they were " +
                "made with (as a retired key) and run rotate-key again, or erase them.");
            return 1;
        }

        await output.WriteLineAsync(
            "Done: every value is under the new key. Magic links already sent keep working until the old key is retired; " +
            "after a week (the longest a link lasts), run: rotate-key --retire");
        return 0;
    }

    private static async Task<int> RetireAsync(MastheadDb db, PersonalDataKeys keys, PersonalData data, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var waiting = await NotUnderCurrentKeyAsync(db, data, cancellationToken);
        if (waiting > 0)
        {
            await error.WriteLineAsync($"{waiting} values still use an older key, so no key was retired. Run rotate-key first.");
            return 1;
        }

        foreach (var column in Columns)
        {
            await column.ForgetPreviousHashesAsync(db, cancellationToken);
        }

        var retired = data.KeyIds.Skip(1).ToList();
        if (keys.Configured)
        {
            await output.WriteLineAsync(retired.Count == 0
                ? "No retired key is configured."
                : $"No value uses the retired keys ({string.Join(", ", retired)}) any more: remove {PrivacySetup.RetiredKeysSetting} from the configuration and restart.");
            return 0;
        }

        var files = keys.DeleteRetiredKeyFiles();
        data.ReloadKeys();
        await output.WriteLineAsync(files.Count == 0 ? "There was no retired key to remove." : $"Removed the retired keys: {string.Join(", ", files)}.");
        return 0;
    }
}

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
