using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Masthead.Staff;

/// <summary>
/// Slows down guessing per account and client address, in place of locking the account: after
/// <see cref="FreeFailures"/> failures from one address for one account (passwords or codes), that pair waits 30 s,
/// then twice as long after each further failure, at most <see cref="LongestWait"/>; failures are forgotten an hour
/// after the last one, and a sign-in that works forgets them at once. Someone failing from their own address never
/// keeps the owner out from another, which a hard lockout of the account did. Held in each node's memory, like the
/// per-address rate limits (keys are hashes: no address or email is kept); bounded in size.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int FreeFailures = 5;
    public static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Forgotten = TimeSpan.FromHours(1);
    private const int MostPairs = 100_000;

    private readonly ConcurrentDictionary<string, Failures> _pairs = new(StringComparer.Ordinal);

    private sealed record Failures(int Count, DateTimeOffset Last, DateTimeOffset WaitUntil);

    /// <summary>Whether attempts for <paramref name="email"/> from <paramref name="address"/> must wait: refused unchecked and uncounted.</summary>
    public bool MustWait(string email, IPAddress? address) =>
        _pairs.TryGetValue(Key(email, address), out var failures) && failures.WaitUntil > clock.GetUtcNow();

    public void Failed(string email, IPAddress? address)
    {
        var now = clock.GetUtcNow();
        if (_pairs.Count >= MostPairs)
        {
            Prune(now);
        }

        _pairs.AddOrUpdate(Key(email, address), _ => Next(0, now), (_, failures) => Next(now - failures.Last > Forgotten ? 0 : failures.Count, now));
    }

    public void Succeeded(string email, IPAddress? address) => _pairs.TryRemove(Key(email, address), out _);

    /// <summary>How long the pair waits after its <paramref name="failures"/>th failure in a row.</summary>
    public static TimeSpan WaitAfter(int failures) => failures < FreeFailures
        ? TimeSpan.Zero
        : TimeSpan.FromTicks(Math.Min(LongestWait.Ticks, FirstWait.Ticks << Math.Min(failures - FreeFailures, 20)));

    private static Failures Next(int before, DateTimeOffset now) => new(before + 1, now, now + WaitAfter(before + 1));

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, failures) in _pairs)
        {
            if (now - failures.Last > Forgotten)
            {
                _pairs.TryRemove(key, out _);
            }
        }

        // A flood of made-up addresses: forgetting everyone is better than growing without bound.
        if (_pairs.Count >= MostPairs)
        {
            _pairs.Clear();
        }
    }

    private static string Key(string email, IPAddress? address) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{email.Trim().ToLowerInvariant()}\n{address}")));
}
