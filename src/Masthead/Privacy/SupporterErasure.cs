using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Privacy;

/// <summary>
/// Erases what identifies a supporter — email (encrypted and hashed), name, the same in their checkouts, their magic
/// links and supporter-pass tokens, and the payloads of the payment events applied to them (the rows stay, so a
/// redelivery is still recognised) — and keeps the ledger: amounts, currencies and dates, which the newsroom must keep for its accounts.
/// </summary>
public sealed class SupporterErasure(MastheadDb db)
{
    /// <summary>What an erased checkout's email columns hold (they cannot be null); never a value Protect makes.</summary>
    public const string Erased = "";

    /// <summary>Erases the supporters with these ids, and every checkout and link filed under their addresses.</summary>
    public async Task EraseAsync(IReadOnlyCollection<int> supporterIds, CancellationToken cancellationToken)
    {
        if (supporterIds.Count == 0)
        {
            return;
        }

        var found = await db.Supporters.Where(s => supporterIds.Contains(s.Id)).Select(s => new { s.EmailHash, s.PreviousEmailHash }).ToListAsync(cancellationToken);
        var hashes = found.SelectMany(s => new[] { s.EmailHash, s.PreviousEmailHash }).OfType<string>().Where(h => h.Length > 0).Distinct().ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.MagicLinks.Where(l => hashes.Contains(l.EmailHash)).ExecuteDeleteAsync(cancellationToken);
        await db.SupporterPassTokens.Where(t => supporterIds.Contains(t.SupporterId)).ExecuteDeleteAsync(cancellationToken);
        await db.Checkouts.Where(c => (c.SupporterId != null && supporterIds.Contains(c.SupporterId.Value)) || hashes.Contains(c.EmailHash))
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.EmailProtected, Erased).SetProperty(x => x.EmailHash, Erased).SetProperty(x => x.Name, (string?)null), cancellationToken);
        await db.PaymentEvents.Where(e => e.SupporterId != null && supporterIds.Contains(e.SupporterId.Value) && e.Payload != Contributions.PaymentEvent.Emptied)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.Payload, Contributions.PaymentEvent.Emptied), cancellationToken);
        await db.Supporters.Where(s => supporterIds.Contains(s.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.EmailProtected, (string?)null).SetProperty(x => x.EmailHash, (string?)null)
            .SetProperty(x => x.PreviousEmailHash, (string?)null).SetProperty(x => x.Name, (string?)null).SetProperty(x => x.Anonymous, true), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
