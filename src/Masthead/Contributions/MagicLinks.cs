using System.Security.Cryptography;
using System.Text;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Contributions;

/// <summary>Issues and redeems <see cref="MagicLink"/>s.</summary>
public sealed class MagicLinks(MastheadDb db, TimeProvider clock)
{
    /// <summary>A link asked for on the site is short-lived; the one in a receipt waits a week for the reader.</summary>
    public static readonly TimeSpan RequestedLifetime = TimeSpan.FromHours(2);
    public static readonly TimeSpan ReceiptLifetime = TimeSpan.FromDays(7);

    /// <summary>Stores a new link for the address and returns its path, e.g. /support/link/abc…</summary>
    public async Task<string> IssueAsync(string emailHash, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        db.MagicLinks.Add(new MagicLink { TokenHash = Hash(token), EmailHash = emailHash, CreatedAt = now, ExpiresAt = now + lifetime });
        await db.SaveChangesAsync(cancellationToken);
        return $"/support/link/{token}";
    }

    /// <summary>Whether the token is a link that can still be used (for showing the confirmation page).</summary>
    public Task<bool> IsUsableAsync(string token, CancellationToken cancellationToken)
    {
        var hash = Hash(token);
        var now = clock.GetUtcNow();
        return db.MagicLinks.AnyAsync(l => l.TokenHash == hash && l.UsedAt == null && l.ExpiresAt > now, cancellationToken);
    }

    /// <summary>Uses the link up and returns the email hash it opens, or null if it is unknown, used or expired.</summary>
    public async Task<string?> RedeemAsync(string token, CancellationToken cancellationToken)
    {
        var hash = Hash(token);
        var now = clock.GetUtcNow();
        var usable = db.MagicLinks.Where(l => l.TokenHash == hash && l.UsedAt == null && l.ExpiresAt > now);

        // The address is read before the link is used up: once used, the retention job may delete the row at any moment
        // (it did, between the two, and the reader got a 500). One conditional update: of two clicks, exactly one gets through.
        var emailHash = await usable.Select(l => l.EmailHash).FirstOrDefaultAsync(cancellationToken);
        return emailHash is not null && await usable.ExecuteUpdateAsync(l => l.SetProperty(x => x.UsedAt, now), cancellationToken) == 1 ? emailHash : null;
    }

    /// <summary>SHA-256 of a random token, as stored: also the supporter pass's token hash.</summary>
    internal static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
