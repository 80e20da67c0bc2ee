namespace Masthead.Privacy;

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
                result.AuditEntries, result.PaymentPayloads, result.UnconfirmedReaders);
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Reminders} old reminders, erased {Supporters} cancelled supporters, " +
        "deleted {OutboxFiles} outbox files, {Checkouts} unfinished checkouts, {MagicLinks} used or expired links, {StaffSessions} ended staff sessions, " +
        "{AuditEntries} old audit entries, emptied {PaymentPayloads} payment-event payloads, deleted {UnconfirmedReaders} never-confirmed newsletter sign-ups")]
    private static partial void LogDeleted(
        ILogger logger, int reminders, int supporters, int outboxFiles, int checkouts, int magicLinks, int staffSessions, int auditEntries, int paymentPayloads,
        int unconfirmedReaders);
}
