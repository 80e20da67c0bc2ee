using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace Masthead.Contributions;

/// <summary>
/// After a magic link is used, a short-lived, HttpOnly cookie lets the supporter manage their support for an hour.
/// It holds the keyed hash of their email, signed and encrypted; never the address itself.
/// </summary>
public sealed class ManageSession(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string CookieName = "mh_manage";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly IDataProtector _protector = protection.CreateProtector("Masthead.ManageSession.v1");

    public void Start(HttpResponse response, string emailHash)
    {
        var expires = clock.GetUtcNow() + Lifetime;
        var value = _protector.Protect($"{expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}|{emailHash}");

        // Under the edition's prefix (/ru/support): the manage page the link opens is there.
        response.Cookies.Append(CookieName, value, new CookieOptions
        {
            Expires = expires, HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = response.HttpContext.Request.IsHttps, Path = Scope(response), IsEssential = true,
        });
    }

    /// <summary>The email hash this browser may manage, or null.</summary>
    public string? EmailHash(HttpRequest request)
    {
        if (request.Cookies[CookieName] is not { Length: > 0 and < 1000 } value)
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(value).Split('|', 2);
            return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
                && DateTimeOffset.FromUnixTimeSeconds(expires) > clock.GetUtcNow() ? parts[1] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public static void End(HttpResponse response) => response.Cookies.Delete(CookieName, new CookieOptions { Path = Scope(response) });

    private static string Scope(HttpResponse response) => response.HttpContext.Request.PathBase + "/support";
}
