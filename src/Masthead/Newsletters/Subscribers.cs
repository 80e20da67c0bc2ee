using System.Security.Cryptography;
using System.Text;
using Masthead.Data;
using Masthead.Editions;
using Masthead.Email;
using Masthead.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Newsletters;

/// <summary>Signing up, confirming, changing lists and leaving: the reader's side of newsletters.</summary>
public sealed class Subscribers(MastheadDb db, PersonalData personalData, TimeProvider clock)
{
    /// <summary>Longer than any token we make; a longer one is not looked up at all.</summary>
    public const int TokenLength = 64;

    /// <summary>The active lists of <paramref name="edition"/>, in their order: what the sign-up form offers.</summary>
    public Task<List<ListChoice>> OfferedAsync(Edition edition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edition);
        return db.NewsletterLists.Where(l => l.Edition == edition.Code && l.IsActive).OrderBy(l => l.Position).ThenBy(l => l.Id)
            .Select(l => new ListChoice(l.Id, l.Name, l.Description)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Asks for <paramref name="lists"/> (ids among the edition's offered lists) for <paramref name="email"/>: new ones
    /// wait for the address to confirm, and a confirmation email is owed. Whether the address was known changes
    /// nothing the reader sees.
    /// </summary>
    public async Task AskAsync(string email, IReadOnlyCollection<int> lists, Edition edition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentNullException.ThrowIfNull(lists);
        var now = clock.GetUtcNow();

        // Under every key in the ring: during a key rotation a row may still carry the hash of the key before.
        var hashes = personalData.LookupHashes(email);
        var subscriber = await db.Subscribers.Include(s => s.Subscriptions)
            .Where(s => s.Edition == edition.Code && hashes.Contains(s.EmailHash!)).OrderBy(s => s.Id).FirstOrDefaultAsync(cancellationToken);
        if (subscriber is null)
        {
            var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            subscriber = new Subscriber
            {
                Edition = edition.Code, EmailProtected = personalData.Protect(EmailAddresses.Normalize(email)), EmailHash = personalData.LookupHash(email),
                TokenHash = Hash(token), TokenProtected = personalData.Protect(token), CreatedAt = now,
            };
            db.Subscribers.Add(subscriber);
        }

        foreach (var list in lists)
        {
            subscriber.SubscriptionTo(list, now).Ask(now);
        }

        if (subscriber.Subscriptions.Any(s => s.Status == SubscriptionState.Pending))
        {
            subscriber.ConfirmationAskedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The reader a link's token names, with their lists, or null for a token nobody holds.</summary>
    public Task<Subscriber?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > TokenLength)
        {
            return Task.FromResult<Subscriber?>(null);
        }

        var hash = Hash(token);
        return db.Subscribers.Include(s => s.Subscriptions).FirstOrDefaultAsync(s => s.TokenHash == hash, cancellationToken);
    }

    /// <summary>The button in the confirmation email: every list the reader asked for starts.</summary>
    public async Task ConfirmAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        var now = clock.GetUtcNow();
        foreach (var subscription in subscriber.Subscriptions.Where(s => s.Status == SubscriptionState.Pending))
        {
            subscription.Confirm(now);
        }

        subscriber.ConfirmationAskedAt = null;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The manage page: exactly <paramref name="lists"/> (ids among the edition's lists) from now on. The address
    /// owner holds the token, so a list chosen here needs no second confirmation.
    /// </summary>
    public async Task ChangeAsync(Subscriber subscriber, IReadOnlyCollection<int> lists, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(lists);
        var now = clock.GetUtcNow();
        foreach (var subscription in subscriber.Subscriptions.Where(s => !lists.Contains(s.ListId)))
        {
            subscription.End(now);
        }

        foreach (var list in lists)
        {
            subscriber.SubscriptionTo(list, now).Confirm(now);
        }

        subscriber.ConfirmationAskedAt = null;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Leave every list (the manage page, the unsubscribe page, or a mail program's one-click POST); the address goes too.</summary>
    public async Task LeaveAllAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        subscriber.LeaveAll(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>SHA-256 of a link's token, as stored.</summary>
    internal static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>A list as the reader's pages show it.</summary>
public sealed record ListChoice(int Id, string Name, string Description);
