using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Masthead.Payments.Stripe;

/// <summary>What checking a <c>Stripe-Signature</c> header found.</summary>
public enum SignatureCheck
{
    Valid,
    Missing,
    Malformed,
    Mismatch,
    Stale,
}

/// <summary>
/// Stripe's documented v1 webhook signature: <c>Stripe-Signature: t=&lt;unix time&gt;,v1=&lt;hex HMAC-SHA256&gt;</c>, the HMAC
/// keyed with the whole endpoint secret over <c>"&lt;t&gt;." + raw body</c>. Checked here rather than by the SDK so the time
/// window follows the app's injected clock, and so every way a header can be wrong maps to a plain answer, never an exception.
/// </summary>
public static class StripeSignature
{
    public const string Header = "Stripe-Signature";

    // Far longer than any real header (one timestamp and a few 64-character signatures while a secret is rolled).
    private const int MaxHeaderLength = 2048;

    public static SignatureCheck Verify(ReadOnlySpan<byte> payload, string? header, string secret, TimeSpan tolerance, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (string.IsNullOrWhiteSpace(header))
        {
            return SignatureCheck.Missing;
        }

        if (header.Length > MaxHeaderLength)
        {
            return SignatureCheck.Malformed;
        }

        long? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var item in header.Split(',', StringSplitOptions.TrimEntries))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var (key, value) = (item[..equals], item[(equals + 1)..]);
            if (key == "t")
            {
                timestamp = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : null;
                if (timestamp is null)
                {
                    return SignatureCheck.Malformed;
                }
            }
            else if (key == "v1" && value.Length == 64 && value.All(char.IsAsciiHexDigit))
            {
                signatures.Add(Convert.FromHexString(value));
            }

            // Other schemes (v0, sent in test mode) are ignored, as Stripe's own libraries ignore them.
        }

        if (timestamp is not { } signedAt || signatures.Count == 0)
        {
            return SignatureCheck.Malformed;
        }

        var expected = Sign(payload, signedAt, secret);

        // Constant-time, so the response time says nothing about how much of a guessed signature was right.
        if (!signatures.Any(candidate => CryptographicOperations.FixedTimeEquals(candidate, expected)))
        {
            return SignatureCheck.Mismatch;
        }

        // Both ways: a timestamp far in the future is as suspect as an old one.
        var age = now.ToUnixTimeSeconds() - signedAt;
        return Math.Abs(age) > (long)tolerance.TotalSeconds ? SignatureCheck.Stale : SignatureCheck.Valid;
    }

    /// <summary>The v1 signature of <paramref name="payload"/> signed at <paramref name="timestamp"/> (unix seconds).</summary>
    public static byte[] Sign(ReadOnlySpan<byte> payload, long timestamp, string secret)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + payload.Length];
        prefix.CopyTo(signed, 0);
        payload.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }

    /// <summary>A header as Stripe would send it, for tests and local tools.</summary>
    public static string HeaderFor(ReadOnlySpan<byte> payload, long timestamp, string secret) =>
        $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(Sign(payload, timestamp, secret))}";
}
