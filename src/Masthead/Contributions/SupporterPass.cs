using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace Masthead.Contributions;

/// <summary>
/// The first-party cookie that tells this browser's pages "this reader supports us": appeals stop showing until the
/// date the support is paid through, plus <see cref="Grace"/>. It holds that date, when it may next be renewed, and
/// an opaque random token whose hash alone is stored (<see cref="SupporterPassToken"/>): no name, no email, no id.
/// </summary>
/// <remarks>
/// The value is <c>{ends}.{renewFrom}.{sealed}</c>: two unix times in clear for the reader script, which cannot check
/// a signature and only hides or renews by them, then the paid-through date, the renewal time and the token sealed by
/// Data Protection. The server decides by the sealed part, and a clear part that does not match it makes no pass.
/// </remarks>
public sealed class SupporterPass(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string CookieName = "mh_supporter";

    /// <summary>
    /// How long after its paid-through date a pass still hides appeals: one renewal interval, so a pass renewed just
    /// before the period's payment was recorded can be renewed again, with the new period, before it stops hiding.
    /// </summary>
    public static readonly TimeSpan Grace = TimeSpan.FromDays(7);

    /// <summary>A pass is renewed at most this often; the server refuses a renewal sooner.</summary>
    public static readonly TimeSpan RenewalInterval = TimeSpan.FromDays(7);

    /// <summary>How long the browser keeps the cookie: a reader back after months away can still renew a pass whose token stands.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(400);

    /// <summary>What a pass from before tokens (a bare signed expiry, 400 days after it was given) counts as paid for: one month from then.</summary>
    private static readonly TimeSpan OldLifetime = TimeSpan.FromDays(400);

    private readonly IDataProtector _protector = protection.CreateProtector("Masthead.SupporterPass.v2");
    private readonly IDataProtector _old = protection.CreateProtector("Masthead.SupporterPass.v1");

    /// <summary>
    /// What a pass says. <see cref="Token"/> is null for a pass from before tokens, which cannot be renewed.
    /// <see cref="Continuing"/> is false once no recurring gift runs (cancelled, or a one-time gift): no payment is
    /// coming, so the pass ends on the paid-through date itself, without the grace.
    /// </summary>
    public sealed record Reading(DateTimeOffset PaidThrough, DateTimeOffset RenewFrom, string? Token, bool Continuing = true)
    {
        /// <summary>When the pass stops hiding appeals.</summary>
        public DateTimeOffset Ends => PaidThrough + GraceFor(Continuing);
    }

    /// <summary>The grace after the paid-through date: only while a recurring gift runs, whose next payment may be on its way.</summary>
    public static TimeSpan GraceFor(bool continuing) => continuing ? Grace : TimeSpan.Zero;

    /// <summary>The cookie's value for a pass paid through <paramref name="paidThrough"/>, renewable from <paramref name="renewFrom"/>.</summary>
    public string Seal(DateTimeOffset paidThrough, DateTimeOffset renewFrom, string token, bool continuing = true)
    {
        var (through, from) = (paidThrough.ToUnixTimeSeconds(), renewFrom.ToUnixTimeSeconds());
        var ends = (paidThrough + GraceFor(continuing)).ToUnixTimeSeconds();
        var sealedPart = _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{through}|{from}|{token}{(continuing ? "" : "|ended")}"));
        return string.Create(CultureInfo.InvariantCulture, $"{ends}.{from}.{sealedPart}");
    }

    /// <summary>What the cookie's value says, or null when it is not a pass this newsroom gave.</summary>
    public Reading? Read(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 600)
        {
            return null;
        }

        try
        {
            var parts = value.Split('.');
            return parts.Length switch
            {
                1 => ReadOld(value),
                3 when ReadSealed(_protector.Unprotect(parts[2])) is { } reading
                    && parts[0] == reading.Ends.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)
                    && parts[1] == reading.RenewFrom.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) => reading,
                _ => null,
            };
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Whether the cookie's value is a pass that hides appeals now.</summary>
    public bool IsValid(string? value) => Read(value) is { } reading && reading.Ends > clock.GetUtcNow();

    /// <summary>Gives the browser a pass paid through <paramref name="paidThrough"/> carrying <paramref name="token"/>.</summary>
    public void GiveTo(HttpResponse response, DateTimeOffset paidThrough, string token, bool continuing = true)
    {
        var now = clock.GetUtcNow();
        Web.ReaderCookies.Set(response, CookieName, Seal(paidThrough, now + RenewalInterval, token, continuing), now + KeptFor);
    }

    private static Reading? ReadSealed(string sealedText)
    {
        var parts = sealedText.Split('|');
        return parts.Length is 3 or 4 && Seconds(parts[0]) is { } through && Seconds(parts[1]) is { } from && parts[2].Length > 0
            && (parts.Length == 3 || parts[3] == "ended")
            ? new Reading(through, from, parts[2], Continuing: parts.Length == 3)
            : null;
    }

    /// <summary>
    /// A pass given before passes carried a token: never renewable, it counts as paid for a month from the day it was
    /// given (the shortest period anyone pays for), so every such pass has stopped within five weeks of the upgrade.
    /// </summary>
    private Reading? ReadOld(string value) =>
        Seconds(_old.Unprotect(value)) is { } expires ? new Reading((expires - OldLifetime).AddMonths(1), DateTimeOffset.MaxValue, null) : null;

    private static DateTimeOffset? Seconds(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds < 253_402_300_799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
