using System.Globalization;
using System.Text;
using global::Stripe;

namespace Masthead.Payments.Stripe;

/// <summary>
/// Stripe's v1 webhook signature (<c>Stripe-Signature: t=&lt;unix time&gt;,v1=&lt;hex HMAC-SHA256&gt;</c>), checked by Stripe.net's
/// <see cref="EventUtility"/> against the app's injected clock. Ours is only the shape check before it, so every way a
/// header can be wrong maps to a plain answer rather than the library's exceptions.
/// </summary>
public static class StripeSignature
{
    public const string Header = "Stripe-Signature";

    // Far longer than any real header (one timestamp and a few 64-character signatures while a secret is rolled).
    private const int MaxHeaderLength = 2048;

    public static SignatureCheck Verify(byte[] payload, string? header, string secret, TimeSpan tolerance, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (string.IsNullOrWhiteSpace(header))
        {
            return SignatureCheck.Missing;
        }

        if (header.Length > MaxHeaderLength || SignedAt(header) is not { } signedAt)
        {
            return SignatureCheck.Malformed;
        }

        // Stripe signs the UTF-8 bytes of its JSON; a body that is not UTF-8 no longer matches once decoded, as it should not.
        var json = Encoding.UTF8.GetString(payload);
        var seconds = (long)tolerance.TotalSeconds;
        try
        {
            EventUtility.ValidateSignature(json, header, secret, seconds, now.ToUnixTimeSeconds());
            return SignatureCheck.Valid;
        }
        catch (StripeException)
        {
            // The library says only "refused"; a right signature outside the window is the stale one.
            return Math.Abs(now.ToUnixTimeSeconds() - signedAt) > seconds && Matches(json, header, secret) ? SignatureCheck.Stale : SignatureCheck.Mismatch;
        }
    }

    private static bool Matches(string json, string header, string secret)
    {
        try
        {
            EventUtility.ValidateSignature(json, header, secret, long.MaxValue, 0);
            return true;
        }
        catch (StripeException)
        {
            return false;
        }
    }

    /// <summary>
    /// The first timestamp, as the library reads it, when the header is shaped as Stripe sends it: every part a
    /// <c>key=value</c>, a timestamp the library can read, and a v1 signature of 64 hex digits. Null otherwise.
    /// </summary>
    private static int? SignedAt(string header)
    {
        var parts = header.Trim().Split(',').Select(part => part.Trim().Split('=', 2)).ToList();
        if (parts.Any(part => part.Length != 2)
            || !parts.Any(part => part[0] == "v1" && part[1].Length == 64 && part[1].All(char.IsAsciiHexDigit))
            || parts.FirstOrDefault(part => part[0] == "t") is not { } t)
        {
            return null;
        }

        // Other schemes (v0, sent in test mode) are ignored, as Stripe's own libraries ignore them.
        return int.TryParse(t[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
    }
}
