using System.Security.Cryptography;

namespace Masthead.Staff;

/// <summary>
/// One signed-in browser. The staff cookie names its session, so deleting the row signs that browser out at its next
/// request; the staff member sees their sessions and can end them.
/// </summary>
public sealed class StaffSession
{
    public const int UserAgentLength = 200;

    /// <summary>How long the staff cookie lasts without a request (it slides: each request renews it).</summary>
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromHours(12);

    /// <summary>How stale "last seen" may get before a request writes it again, so browsing is not a write per page.</summary>
    public static readonly TimeSpan LastSeenPrecision = TimeSpan.FromMinutes(5);

    /// <summary>Random and unguessable: knowing it must not be enough to find or end someone else's session.</summary>
    public string Id { get; set; } = RandomNumberGenerator.GetHexString(32, lowercase: true);

    public int StaffMemberId { get; set; }
    public StaffMember? StaffMember { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public string UserAgent { get; set; } = "";

    public static string Truncate(string? userAgent) =>
        string.IsNullOrWhiteSpace(userAgent) ? "" : Web.TypedText.Cut(userAgent, UserAgentLength);
}
