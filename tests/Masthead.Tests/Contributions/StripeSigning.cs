using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Masthead.Tests.Contributions;

/// <summary>
/// Signs a webhook body as Stripe documents it (HMAC-SHA256 keyed with the endpoint secret over <c>"&lt;t&gt;." + body</c>),
/// written out here rather than borrowed from the library the app checks with, so the tests check the library too.
/// </summary>
public static class StripeSigning
{
    /// <summary>The v1 signature of <paramref name="payload"/> signed at <paramref name="timestamp"/> (unix seconds), as lower-case hex.</summary>
    public static string Sign(byte[] payload, long timestamp, string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), (byte[])[.. Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "."), .. payload]));

    /// <summary>A <c>Stripe-Signature</c> header as Stripe would send it.</summary>
    public static string HeaderFor(byte[] payload, long timestamp, string secret) =>
        $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={Sign(payload, timestamp, secret)}";
}
