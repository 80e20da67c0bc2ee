using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace Masthead.Contributions;

/// <summary>
/// The first-party cookie that tells this browser's pages "this reader supports us": appeals stop showing. It holds
/// only a signed expiry — no name, no email, no id — so a seized device or a stolen cookie reveals nothing more.
/// </summary>
public sealed class SupporterPass(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string CookieName = "mh_supporter";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(400);

    private readonly IDataProtector _protector = protection.CreateProtector("Masthead.SupporterPass.v1");

    public string Issue(out DateTimeOffset expires)
    {
        expires = clock.GetUtcNow() + Lifetime;
        return _protector.Protect(expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
    }

    public bool IsValid(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 500)
        {
            return false;
        }

        try
        {
            return long.TryParse(_protector.Unprotect(token), NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
                && DateTimeOffset.FromUnixTimeSeconds(expires) > clock.GetUtcNow();
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Gives the browser its pass.</summary>
    public void GiveTo(HttpResponse response)
    {
        var token = Issue(out var expires);
        Web.ReaderCookies.Set(response, CookieName, token, expires);
    }
}
