using Masthead.Data;
using Masthead.Jobs;
using Masthead.Payments;
using Masthead.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Contributions;

/// <summary>
/// Stores provider events as they arrive, then applies each exactly once: the unique (provider, event id) key drops
/// redeliveries, and each event is claimed and applied in one transaction, so parallel processors never both apply it.
/// </summary>
/// <remarks>Payloads are stored sealed (<see cref="PaymentEvent.Received"/>); one that gives the ledger nothing is emptied as it is applied.</remarks>
public sealed partial class PaymentInbox(
    MastheadDb db, PaymentProviders providers, PersonalData personalData, JobHost jobs, TimeProvider clock, ILogger<PaymentInbox> logger)
{
    /// <summary>The job that applies stored events (<see cref="PaymentEventsJob"/>), in the <see cref="JobHost"/>; webhooks wake it.</summary>
    public const string JobName = "payment-events";

    /// <summary>How often the job looks when nothing woke it: for a lost wake-up (a crash between storing and applying) and retries.</summary>
    public static readonly TimeSpan JobInterval = TimeSpan.FromSeconds(30);

    /// <summary>Failed attempts after which an event is parked: left unapplied, for someone to look at.</summary>
    public const int MaxAttempts = 10;
    private const int BatchSize = 100;

    /// <summary>
    /// What a provider's webhook does with an event it has verified: stores it and wakes the job that applies it, on
    /// whichever node holds the job's lease, so the webhook can answer at once. False for a redelivery, which is not an error.
    /// </summary>
    public async Task<bool> ReceiveAsync(string provider, string eventId, string type, string payload, CancellationToken cancellationToken)
    {
        var stored = await RecordAsync(provider, eventId, type, payload, cancellationToken);
        await jobs.WakeAsync(JobName, cancellationToken);
        return stored;
    }

    /// <summary>Stores an event; false when it was already stored (a redelivery), which is not an error.</summary>
    public async Task<bool> RecordAsync(string provider, string eventId, string type, string payload, CancellationToken cancellationToken)
    {
        if (await db.PaymentEvents.AnyAsync(e => e.Provider == provider && e.EventId == eventId, cancellationToken))
        {
            return false;
        }

        db.PaymentEvents.Add(PaymentEvent.Received(provider, eventId, type, payload, personalData, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            Operations.MastheadMetrics.PaymentEventReceived(provider);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.PaymentEvents.AnyAsync(e => e.Provider == provider && e.EventId == eventId, cancellationToken))
            {
                // The same event arrived twice at once and the other delivery stored it first.
                return false;
            }

            throw;
        }
    }

    /// <summary>Applies every pending event, oldest first; returns how many were applied now.</summary>
    public async Task<int> ProcessPendingAsync(CancellationToken cancellationToken)
    {
        var applied = 0;
        while (true)
        {
            var pending = await db.PaymentEvents.AsNoTracking()
                .Where(e => e.ProcessedAt == null && e.Attempts < MaxAttempts)
                .OrderBy(e => e.Id).Take(BatchSize).ToListAsync(cancellationToken);
            foreach (var paymentEvent in pending)
            {
                applied += await ApplyAsync(paymentEvent, cancellationToken) ? 1 : 0;
            }

            if (pending.Count < BatchSize)
            {
                return applied;
            }
        }
    }

    private async Task<bool> ApplyAsync(PaymentEvent paymentEvent, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            var claimed = await db.PaymentEvents.Where(e => e.Id == paymentEvent.Id && e.ProcessedAt == null)
                .ExecuteUpdateAsync(e => e.SetProperty(p => p.ProcessedAt, now), cancellationToken);
            if (claimed == 0)
            {
                return false;
            }

            var provider = providers.For(paymentEvent.Provider);
            var ledger = new Ledger(db, paymentEvent.Provider, now);
            int? supporterId = null;
            var facts = provider.Interpret(paymentEvent.Open(personalData));
            foreach (var fact in facts)
            {
                supporterId = await ledger.ApplyAsync(fact, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);

            // Filed under its supporter so erasing them reaches it; an event the ledger ignores has nothing worth keeping.
            await db.PaymentEvents.Where(e => e.Id == paymentEvent.Id).ExecuteUpdateAsync(e =>
            {
                e.SetProperty(p => p.SupporterId, supporterId);
                if (facts.Count == 0)
                {
                    e.SetProperty(p => p.Payload, PaymentEvent.Emptied);
                }
            }, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            Operations.MastheadMetrics.PaymentEventApplied(paymentEvent.Provider);
            return true;
        }
        catch (Exception exception) when (exception is DbUpdateException or InvalidOperationException or FormatException or System.Text.Json.JsonException
            or KeyNotFoundException or System.Security.Cryptography.CryptographicException)
        {
            // Left pending: a clash with a parallel processor resolves on the next pass; a bad payload (or one sealed with a
            // key this node lacks) stops after MaxAttempts.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            LogFailed(logger, paymentEvent.Provider, paymentEvent.EventId, exception.Message);
            Operations.MastheadMetrics.PaymentEventFailed(paymentEvent.Provider, parked: paymentEvent.Attempts + 1 >= MaxAttempts);
            await db.PaymentEvents.Where(e => e.Id == paymentEvent.Id)
                .ExecuteUpdateAsync(e => e.SetProperty(p => p.Attempts, p => p.Attempts + 1).SetProperty(p => p.LastError, Web.TypedText.Cut(exception.Message, 2000)), cancellationToken);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment event {Provider}/{EventId} not applied: {Reason}")]
    private static partial void LogFailed(ILogger logger, string provider, string eventId, string reason);
}
