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
    /// <summary>The job's name in the <see cref="Jobs.JobHost"/>, which runs it every minute.</summary>
    public const string JobName = "sandbox-renewals";

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
