using Masthead.Data;
using Masthead.Email;
using Masthead.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Newsletters;

/// <summary>
/// Takes the send queue one receiving domain at a time, as much of it as the domain's rate allows. What a domain was
/// sent is counted in the database (sent in the last minute, plus claimed and not yet marked), so every node, and a
/// node restarted, keeps to the same rate.
/// </summary>
internal sealed class DeliveryClaims(MastheadDb db, PersonalData personalData, NewsletterOptions options)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // Under every key in the ring: rows queued before a key rotation carry the hash of the key before.
    private readonly Dictionary<string, int> _rates = options.DomainRates.Domains
        .SelectMany(d => personalData.LookupHashes(d.Key).Select(hash => (hash, d.Value)))
        .DistinctBy(d => d.hash, StringComparer.Ordinal).ToDictionary(d => d.hash, d => d.Value, StringComparer.Ordinal);

    /// <summary>The hash of the domain of <paramref name="address"/> (normalized), as stored on its deliveries.</summary>
    public static string DomainHashOf(PersonalData personalData, string? address) =>
        address?.LastIndexOf('@') is { } at and >= 0 ? personalData.LookupHash(address[(at + 1)..]) : "";

    /// <summary>The domain of the delivery due first that nobody is sending, or null when none is due.</summary>
    public Task<string?> NextDomainAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        db.NewsletterDeliveries.Where(d => d.Status == DeliveryStatus.Queued && d.NextAttemptAt <= now)
            .Unclaimed(d => d.SendingSince, now, options.ClaimTimeout).OrderBy(d => d.NextAttemptAt)
            .Select(d => (string?)d.DomainHash).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="most"/> due deliveries to <paramref name="domain"/>, no more than its rate leaves for
    /// this minute. A domain at its rate gets none: its due deliveries wait until the oldest of its counted messages
    /// leaves the minute, so the next claim finds another domain.
    /// </summary>
    public async Task<List<long>> ClaimAsync(string domain, int most, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rate = _rates.TryGetValue(domain, out var own) ? own : options.DomainRates.PerMinute;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (rate is { } perMinute)
        {
            if (db is PostgresMastheadDb)
            {
                // Count and claim as one step among nodes, or two could each take the whole allowance; SQLite's write lock
                // is taken by the transaction already.
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"newsletter-domain:" + domain}, 0))", cancellationToken);
            }

            var since = now - Window;
            var stale = now - options.ClaimTimeout;
            var counted = await db.NewsletterDeliveries.CountAsync(d => d.DomainHash == domain
                && ((d.Status == DeliveryStatus.Sent && d.SentAt > since) || (d.Status == DeliveryStatus.Queued && d.SendingSince >= stale)), cancellationToken);
            most = Math.Min(most, perMinute - counted);
            if (most <= 0)
            {
                var oldest = await db.NewsletterDeliveries.Where(d => d.DomainHash == domain && d.Status == DeliveryStatus.Sent && d.SentAt > since)
                    .MinAsync(d => d.SentAt, cancellationToken);
                var free = (oldest ?? now) + Window;
                await db.NewsletterDeliveries.Where(d => d.DomainHash == domain && d.Status == DeliveryStatus.Queued && d.NextAttemptAt < free)
                    .Unclaimed(d => d.SendingSince, now, options.ClaimTimeout)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, free), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return [];
            }
        }

        var claimed = db is PostgresMastheadDb ? await SkipLockedAsync(domain, most, now, cancellationToken) : await InTransactionAsync(domain, most, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }

    /// <summary>One statement: rows another node is claiming at this moment are passed over, not waited for.</summary>
    private Task<List<long>> SkipLockedAsync(string domain, int most, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (queued, stale) = (nameof(DeliveryStatus.Queued), now - options.ClaimTimeout);
        return db.Database.SqlQuery<long>(
            $"""
            UPDATE "NewsletterDeliveries" SET "SendingSince" = {now}
            WHERE "Id" IN (
                SELECT "Id" FROM "NewsletterDeliveries"
                WHERE "DomainHash" = {domain} AND "Status" = {queued} AND "NextAttemptAt" <= {now} AND ("SendingSince" IS NULL OR "SendingSince" < {stale})
                ORDER BY "NextAttemptAt" LIMIT {most}
                FOR UPDATE SKIP LOCKED)
            RETURNING "Id" AS "Value"
            """).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// SQLite has one writer at a time, and the transaction (BEGIN IMMEDIATE) is it: what it reads as unclaimed stays so
    /// until it commits.
    /// </summary>
    private async Task<List<long>> InTransactionAsync(string domain, int most, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claimed = await db.NewsletterDeliveries.Where(d => d.DomainHash == domain && d.Status == DeliveryStatus.Queued && d.NextAttemptAt <= now)
            .Unclaimed(d => d.SendingSince, now, options.ClaimTimeout).OrderBy(d => d.NextAttemptAt).Select(d => d.Id).Take(most).ToListAsync(cancellationToken);
        await db.NewsletterDeliveries.Where(d => claimed.Contains(d.Id)).ExecuteUpdateAsync(s => s.SetProperty(d => d.SendingSince, now), cancellationToken);
        return claimed;
    }
}
