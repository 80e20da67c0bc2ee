using System.ComponentModel.DataAnnotations;
using Masthead.Contributions;
using Masthead.Data;
using Masthead.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Privacy;

/// <summary>How long personal data is kept when nothing else removes it (<c>Masthead:Privacy</c>).</summary>
public sealed class RetentionOptions
{
    /// <summary>
    /// Days after a supporter's last subscription was cancelled (with nothing active left) before their email and name
    /// are erased. 90 leaves time for a late refund or a question about a receipt; the ledger's amounts stay.
    /// </summary>
    [Range(1, 3650)]
    public int EraseCanceledSupportersAfterDays { get; set; } = 90;

    /// <summary>A reminder never sent (the mail server kept failing) is deleted this many days after it was asked for.</summary>
    [Range(1, 365)]
    public int DeleteUnsentRemindersAfterDays { get; set; } = 365;

    /// <summary>Days an .eml file stays in the outbox (when no SMTP server is set) before it is deleted.</summary>
    [Range(1, 3650)]
    public int DeleteOutboxFilesAfterDays { get; set; } = 30;

    /// <summary>
    /// Days after a payment event was applied (or given up on) before its payload, which for Stripe holds the payer's
    /// email, name and address, is emptied. The row stays, so a redelivery is still recognised. 30 leaves time to look
    /// into a ledger line that seems wrong.
    /// </summary>
    [Range(1, 3650)]
    public int EmptyPaymentEventsAfterDays { get; set; } = 30;

    /// <summary>Days an audit entry is kept. Two years by default: long enough to answer for a change in a later audit.</summary>
    [Range(1, 36500)]
    public int DeleteAuditEntriesAfterDays { get; set; } = 730;
}

/// <summary>Deletes personal data that is no longer needed. Run hourly by <see cref="RetentionJob"/>.</summary>
public sealed class Retention(MastheadDb db, SupporterErasure erasure, IOptions<RetentionOptions> options, IConfiguration configuration, TimeProvider clock)
{
    /// <summary>
    /// How long a checkout that was not paid for (abandoned, declined or cancelled) is kept after it was started: long
    /// enough for the reader to come back and try again, and for the provider's session (a day at Stripe) to expire.
    /// </summary>
    public static readonly TimeSpan UnfinishedCheckoutLifetime = TimeSpan.FromDays(1);

    /// <summary>How many of each were deleted (payloads: emptied) by one run.</summary>
    public sealed record Result(
        int Reminders, int Supporters, int OutboxFiles, int Checkouts, int MagicLinks, int StaffSessions, int AuditEntries, int PaymentPayloads)
    {
        public bool IsEmpty => this == new Result(0, 0, 0, 0, 0, 0, 0, 0);
    }

    public async Task<Result> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var settings = options.Value;

        var reminderCutoff = now.AddDays(-settings.DeleteUnsentRemindersAfterDays);
        var reminders = await db.Reminders.Where(r => r.CreatedAt < reminderCutoff).ExecuteDeleteAsync(cancellationToken);

        // Cancelled: has subscriptions, none still running, and the last cancellation is older than the period.
        var supporterCutoff = now.AddDays(-settings.EraseCanceledSupportersAfterDays);
        var canceled = await db.Supporters
            .Where(s => s.EmailProtected != null || s.EmailHash != null || s.Name != null)
            .Where(s => db.Subscriptions.Any(x => x.SupporterId == s.Id)
                && !db.Subscriptions.Any(x => x.SupporterId == s.Id && (x.Status != SubscriptionStatus.Canceled || x.StatusAt >= supporterCutoff)))
            .OrderBy(s => s.Id).Select(s => s.Id).Take(1000).ToListAsync(cancellationToken);
        await erasure.EraseAsync(canceled, cancellationToken);

        var checkoutCutoff = now - UnfinishedCheckoutLifetime;
        var checkouts = await db.Checkouts.Where(c => c.Status != CheckoutStatus.Completed && c.CreatedAt < checkoutCutoff).ExecuteDeleteAsync(cancellationToken);

        // A used link opens nothing again and an expired one never will; a manage session lives only in its cookie.
        var links = await db.MagicLinks.Where(l => l.UsedAt != null || l.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);

        // Past the cookie's lifetime since the last request (noted at most LastSeenPrecision late), the cookie is void.
        var sessionCutoff = now - StaffSession.CookieLifetime - StaffSession.LastSeenPrecision;
        var sessions = await db.StaffSessions.Where(s => s.LastSeenAt < sessionCutoff).ExecuteDeleteAsync(cancellationToken);

        var auditCutoff = now.AddDays(-settings.DeleteAuditEntriesAfterDays);
        var audit = await db.AuditEntries.Where(e => e.At < auditCutoff).ExecuteDeleteAsync(cancellationToken);

        var payloadCutoff = now.AddDays(-settings.EmptyPaymentEventsAfterDays);
        var payloads = await db.PaymentEvents
            .Where(e => e.Payload != PaymentEvent.Emptied
                && (e.ProcessedAt < payloadCutoff || (e.ProcessedAt == null && e.Attempts >= PaymentInbox.MaxAttempts && e.ReceivedAt < payloadCutoff)))
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.Payload, PaymentEvent.Emptied), cancellationToken);

        return new Result(reminders, canceled.Count, DeleteOldOutboxFiles(now - TimeSpan.FromDays(settings.DeleteOutboxFilesAfterDays)),
            checkouts, links, sessions, audit, payloads);
    }

    private int DeleteOldOutboxFiles(DateTimeOffset cutoff)
    {
        var outbox = Path.Combine(MastheadPaths.DataDirectory(configuration), "outbox");
        if (!Directory.Exists(outbox))
        {
            return 0;
        }

        // By the time in the file's name (written from the app's clock when it was sent), not the file system's.
        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(outbox, "*.eml"))
        {
            if (DateTimeOffset.TryParseExact(Path.GetFileName(file)[..Math.Min(16, Path.GetFileName(file).Length)], "yyyyMMdd'T'HHmmss'Z'",
                    System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var written)
                && written < cutoff)
            {
                File.Delete(file);
                deleted++;
            }
        }

        return deleted;
    }
}

/// <summary>Every hour of the app's clock, <see cref="Retention"/>. A failed run (a busy or absent database) loses nothing and is retried.</summary>
public sealed partial class RetentionJob(IServiceScopeFactory scopes, ILogger<RetentionJob> logger)
{
    /// <summary>The job's name in the <see cref="Jobs.JobHost"/>.</summary>
    public const string Name = "retention";

    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public async Task<Retention.Result> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<Retention>().RunAsync(cancellationToken);
        if (!result.IsEmpty)
        {
            LogDeleted(logger, result.Reminders, result.Supporters, result.OutboxFiles, result.Checkouts, result.MagicLinks, result.StaffSessions,
                result.AuditEntries, result.PaymentPayloads);
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Reminders} old reminders, erased {Supporters} cancelled supporters, " +
        "deleted {OutboxFiles} outbox files, {Checkouts} unfinished checkouts, {MagicLinks} used or expired links, {StaffSessions} ended staff sessions, " +
        "{AuditEntries} old audit entries, emptied {PaymentPayloads} payment-event payloads")]
    private static partial void LogDeleted(
        ILogger logger, int reminders, int supporters, int outboxFiles, int checkouts, int magicLinks, int staffSessions, int auditEntries, int paymentPayloads);
}
