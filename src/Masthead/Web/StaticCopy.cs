using System.Security.Cryptography;
using System.Text;

namespace Masthead.Web;

/// <summary>
/// Marks the requests a static copy of the site is made from (<c>export-mirror</c>, over this process's own loopback
/// connection): their pages leave out what a static host cannot answer (the search form, the snooze form without
/// script), tell the reader script it is on a copy, and are neither taken from nor kept in the page cache. The mark is
/// a header holding a secret drawn at each start and known only inside this process, so no reader can ask for it.
/// </summary>
public static class StaticCopy
{
    public const string Header = "X-Masthead-Static-Copy";

    private static readonly string Secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The value the exporter sends in <see cref="Header"/>.</summary>
    internal static string Token => Secret;

    /// <summary>Whether <paramref name="context"/> carries the mark; a request without the header costs one lookup.</summary>
    public static bool IsRequested(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.Headers.TryGetValue(Header, out var sent) && sent.ToString() is { Length: 64 } value
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(value), Encoding.ASCII.GetBytes(Secret));
    }
}
