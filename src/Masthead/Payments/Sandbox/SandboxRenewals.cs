using Masthead.Contributions;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Payments.Sandbox;

/// <summary>
/// Charges the sandbox's due subscriptions, as a real provider would each month or year. Driven by the injected clock,
/// so a test moves time forward a month and sees the renewal in the ledger.
/// </summary>
public sealed class SandboxRenewals(MastheadDb db, PaymentInbox inbox, TimeProvider clock)
{
    public async Task<int> RenewDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await db.Subscriptions.Where(s => s.Provider == SandboxProvider.ProviderName && s.Status == SubscriptionStatus.Active && s.RenewsAt <= now)
            .Join(db.Supporters, s => s.SupporterId, p => p.Id, (s, p) => new { s.ProviderRef, s.Amount, s.Currency, s.Frequency, s.RenewsAt, p.CustomerRef })
            .ToListAsync(cancellationToken);
        foreach (var renewal in due)
        {
            // One payment reference per period, so a renewal run twice charges once.
            var period = renewal.RenewsAt!.Value.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var eventId = $"evt_sb_renewal_{renewal.ProviderRef}_{period}";
            var paid = new SandboxEvent("invoice.paid", renewal.CustomerRef, renewal.RenewsAt.Value, Subscription: renewal.ProviderRef,
                Payment: $"pay_sb_{renewal.ProviderRef}_{period}", Amount: renewal.Amount, Currency: renewal.Currency, Frequency: renewal.Frequency);
            await inbox.RecordAsync(SandboxProvider.ProviderName, eventId, paid.Type, SandboxProvider.Payload(paid), cancellationToken);
        }

        return due.Count == 0 ? 0 : await inbox.ProcessPendingAsync(cancellationToken);
    }
}

/// <summary>Runs <see cref="SandboxRenewals"/> every minute of the app's clock.</summary>
public sealed partial class SandboxRenewalJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SandboxRenewalJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SandboxRenewals>().RenewDueAsync(stoppingToken);
                Operations.MastheadMetrics.JobRan("sandbox-renewals");
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A failed run is retried on the next tick; the job must outlive a busy database.
                LogFailed(logger, exception);
                Operations.MastheadMetrics.JobFailed("sandbox-renewals");
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sandbox renewals failed; retrying next minute")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
