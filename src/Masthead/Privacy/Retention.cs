using Masthead.Contributions;
using Masthead.Data;
using Masthead.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Privacy;

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
        int Reminders, int Supporters, int OutboxFiles, int Checkouts, int MagicLinks, int StaffSessions, int AuditEntries, int PaymentPayloads, int UnconfirmedReaders)
    {
        public bool IsEmpty => this == new Result(0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    public async Task<Result> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var settings = options.Value;

        // Counted from the reminder's day, not from when it was asked for: one asked for a year ahead is kept until
        // it can be sent, and goes the set number of days after that day if the mail server kept refusing it.
        var reminderCutoff = now.AddDays(-settings.DeleteUnsentRemindersAfterDays);
        var reminders = await db.Reminders.Where(r => r.DueAt < reminderCutoff).ExecuteDeleteAsync(cancellationToken);

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

        // Never confirmed a single list: every sign-up still pending, the last made before the cutoff (a new sign-up asks again).
        var unconfirmedCutoff = now.AddDays(-settings.DeleteUnconfirmedReadersAfterDays);
        var unconfirmed = await db.Subscribers
            .Where(r => db.NewsletterSubscriptions.Any(s => s.SubscriberId == r.Id)
                && !db.NewsletterSubscriptions.Any(s => s.SubscriberId == r.Id && (s.Status != Newsletters.SubscriptionState.Pending || s.CreatedAt >= unconfirmedCutoff)))
            .ExecuteDeleteAsync(cancellationToken);

        return new Result(reminders, canceled.Count, DeleteOldOutboxFiles(now - TimeSpan.FromDays(settings.DeleteOutboxFilesAfterDays)),
            checkouts, links, sessions, audit, payloads, unconfirmed);
    }

    private int DeleteOldOutboxFiles(DateTimeOffset cutoff)
    {
        var outbox = MastheadPaths.OutboxDirectory(configuration);
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
