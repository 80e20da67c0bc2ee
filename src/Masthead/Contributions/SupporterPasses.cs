using System.Security.Cryptography;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Contributions;

/// <summary>Gives, renews and revokes supporter passes, by what the ledger says the support is paid through.</summary>
public sealed class SupporterPasses(MastheadDb db, SupporterPass pass, TimeProvider clock)
{
    /// <summary>Passes kept per supporter, the newest: opening the thank-you page again and again does not grow the table.</summary>
    public const int MostPerSupporter = 10;

    /// <summary>
    /// What one payment pays for: a month of a monthly gift, a year of an annual one, and a year for a one-time gift,
    /// as one period of an annual gift (the pass before this one hid appeals for 400 days after any gift).
    /// </summary>
    public static DateTimeOffset PeriodEnd(DateTimeOffset paidAt, Frequency frequency) =>
        frequency == Frequency.Monthly ? paidAt.AddMonths(1) : paidAt.AddYears(1);

    /// <summary>
    /// Gives this browser a pass for <paramref name="supporterId"/> when their support is paid through a date whose grace
    /// has not passed; <paramref name="alsoPaidThrough"/> is what the caller knows that the ledger may not yet (a
    /// checkout completed a moment ago, whose payment event is still on its way). Returns whether a pass was given.
    /// </summary>
    public async Task<bool> GiveAsync(HttpResponse response, int supporterId, DateTimeOffset? alsoPaidThrough, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var known = await PaidThroughAsync(db, supporterId, cancellationToken);
        var paidThrough = known > alsoPaidThrough || alsoPaidThrough is null ? known : alsoPaidThrough;
        // A checkout completed a moment ago may be a recurring gift whose subscription is not recorded yet.
        var continuing = alsoPaidThrough is not null || await ContinuingAsync(db, supporterId, null, cancellationToken);
        if (paidThrough is not { } through || !Supports(through, clock.GetUtcNow(), continuing))
        {
            return false;
        }

        var token = NewToken();
        db.SupporterPassTokens.Add(new SupporterPassToken { SupporterId = supporterId, TokenHash = Hash(token) });
        await db.SaveChangesAsync(cancellationToken);
        var oldestKept = await db.SupporterPassTokens.Where(t => t.SupporterId == supporterId).OrderByDescending(t => t.Id)
            .Skip(MostPerSupporter - 1).Select(t => (int?)t.Id).FirstOrDefaultAsync(cancellationToken);
        if (oldestKept is { } keptFrom)
        {
            await db.SupporterPassTokens.Where(t => t.SupporterId == supporterId && t.Id < keptFrom).ExecuteDeleteAsync(cancellationToken);
        }

        pass.GiveTo(response, through, token, continuing);
        return true;
    }

    /// <summary>
    /// Renews the pass in <paramref name="cookie"/>: while the support continues, a new pass with the paid-through date
    /// the ledger knows now and a fresh token (the old one stops working). Support that has ended revokes the token.
    /// Returns the outcome and, when too soon, when the pass may be renewed.
    /// </summary>
    public async Task<(PassRenewal Outcome, DateTimeOffset RenewFrom)> RenewAsync(string? cookie, HttpResponse response, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (pass.Read(cookie) is not { Token: { } token } reading)
        {
            return (PassRenewal.NoPass, now);
        }

        if (reading.RenewFrom > now)
        {
            return (PassRenewal.TooSoon, reading.RenewFrom);
        }

        var hash = Hash(token);
        var row = await db.SupporterPassTokens.Where(t => t.TokenHash == hash).Select(t => new { t.Id, t.SupporterId }).SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return (PassRenewal.Refused, now);
        }

        var continuing = await ContinuingAsync(db, row.SupporterId, null, cancellationToken);
        if (await PaidThroughAsync(db, row.SupporterId, cancellationToken) is not { } through || !Supports(through, now, continuing))
        {
            await db.SupporterPassTokens.Where(t => t.Id == row.Id).ExecuteDeleteAsync(cancellationToken);
            return (PassRenewal.Refused, now);
        }

        // One conditional update: of two renewals of the same pass at once, one gets the fresh token.
        var fresh = NewToken();
        var freshHash = Hash(fresh);
        if (await db.SupporterPassTokens.Where(t => t.Id == row.Id && t.TokenHash == hash)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.TokenHash, freshHash), cancellationToken) == 0)
        {
            return (PassRenewal.Refused, now);
        }

        pass.GiveTo(response, through, fresh, continuing);
        return (PassRenewal.Renewed, now);
    }

    /// <summary>
    /// Just after this browser cancelled <paramref name="cancelled"/> (whose provider may not have said so yet): with no
    /// other recurring gift running, the browser's pass now ends on the paid-through date, without the grace, so it
    /// turns to a former supporter's appeal from then on. Its token is stored nowhere: cancelling revokes every pass,
    /// and this one is never renewed either.
    /// </summary>
    public async Task EndAsync(HttpResponse response, int supporterId, int cancelled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!await ContinuingAsync(db, supporterId, cancelled, cancellationToken) && await PaidThroughAsync(db, supporterId, cancellationToken) is { } through)
        {
            pass.GiveTo(response, through, NewToken(), continuing: false);
        }
    }

    /// <summary>Revokes every pass given to this supporter or to anyone filed under the same address.</summary>
    public static async Task RevokeAsync(MastheadDb db, int supporterId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var household = Household(db, supporterId);
        await db.SupporterPassTokens.Where(t => household.Contains(t.SupporterId)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>A renewal charge failed at <paramref name="at"/>: when that is past the paid period and its grace, the support has lapsed.</summary>
    public static async Task RevokeIfLapsedAsync(MastheadDb db, int supporterId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (await PaidThroughAsync(db, supporterId, cancellationToken) is not { } through || !Supports(through, at, continuing: true))
        {
            await RevokeAsync(db, supporterId, cancellationToken);
        }
    }

    /// <summary>The end of the latest period the ledger says this supporter (or anyone under the same address) paid for.</summary>
    public static async Task<DateTimeOffset?> PaidThroughAsync(MastheadDb db, int supporterId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var household = Household(db, supporterId);
        var latest = await db.Contributions.Where(c => household.Contains(c.SupporterId) && c.Kind == ContributionKind.Payment)
            .GroupBy(c => c.Frequency).Select(g => new { Frequency = g.Key, At = g.Max(c => c.OccurredAt) }).ToListAsync(cancellationToken);
        return latest.Count == 0 ? null : latest.Max(l => PeriodEnd(l.At, l.Frequency));
    }

    /// <summary>Whether support paid through <paramref name="paidThrough"/> still counts at <paramref name="at"/>: until the grace after it, if any, ends.</summary>
    private static bool Supports(DateTimeOffset paidThrough, DateTimeOffset at, bool continuing) => at < paidThrough + SupporterPass.GraceFor(continuing);

    /// <summary>Whether a recurring gift of this supporter (or anyone under the same address) still runs, leaving <paramref name="cancelled"/> out.</summary>
    private static Task<bool> ContinuingAsync(MastheadDb db, int supporterId, int? cancelled, CancellationToken cancellationToken)
    {
        var household = Household(db, supporterId);
        return db.Subscriptions.AnyAsync(s => household.Contains(s.SupporterId) && s.Status != SubscriptionStatus.Canceled && s.Id != cancelled, cancellationToken);
    }

    /// <summary>The supporter and every other record filed under the same address (itself alone once erased).</summary>
    private static IQueryable<int> Household(MastheadDb db, int supporterId) =>
        db.Supporters.Where(s => s.Id == supporterId || (s.EmailHash != null && db.Supporters.Any(o => o.Id == supporterId && o.EmailHash == s.EmailHash)))
            .Select(s => s.Id);

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private static string Hash(string token) => MagicLinks.Hash(token);
}
