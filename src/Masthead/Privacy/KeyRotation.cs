using Masthead.Appeals;
using Masthead.Contributions;
using Masthead.Data;
using Masthead.Operations;
using Masthead.Staff;

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
        new ProtectedColumn<Newsletters.Subscriber>("Subscribers", nameof(Newsletters.Subscriber.EmailProtected), nameof(Newsletters.Subscriber.EmailHash)),
        new ProtectedColumn<Newsletters.Subscriber>("Subscribers", nameof(Newsletters.Subscriber.TokenProtected)),
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
