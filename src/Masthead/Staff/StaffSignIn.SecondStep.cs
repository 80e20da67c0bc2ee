using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Staff;

/// <summary>The second step of signing in, for staff with two-factor sign-in: no admin cookie until it is passed.</summary>
public sealed partial class StaffSignIn
{
    public const string PendingCookie = "masthead_staff_pending";
    public const string SecondStepPath = "/admin/signin/two-factor";

    /// <summary>How long a right password waits for its code before the sign-in starts over.</summary>
    public static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(5);

    public enum SecondStepOutcome
    {
        SignedIn,
        Wrong,
        AlreadyUsed,

        /// <summary>Too many wrong codes or passwords from this address for this account lately.</summary>
        Throttled,
        Expired,
    }

    private IDataProtector PendingProtector => protection.CreateProtector("Masthead.Staff.PendingSignIn");

    /// <summary>
    /// Remembers a right password in a short-lived, encrypted and signed cookie. Its expiry is inside the payload and
    /// judged by the app's clock; the account's security stamp makes it worthless once the password changes.
    /// </summary>
    public void RememberPassedPassword(HttpContext context, StaffMember staff, string returnUrl)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(staff);
        var expires = clock.GetUtcNow() + PendingLifetime;
        var payload = string.Join('|', staff.Id.ToString(CultureInfo.InvariantCulture), staff.SecurityStamp,
            expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), returnUrl);
        context.Response.Cookies.Append(PendingCookie, PendingProtector.Protect(payload), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = SecondStepPath,
            Expires = expires,
        });
    }

    /// <summary>The staff member whose password was just right and where they were going, or null when that has expired.</summary>
    public async Task<(StaffMember Staff, string ReturnUrl)?> PassedPasswordAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Cookies[PendingCookie] is not { Length: > 0 } cookie)
        {
            return null;
        }

        string[] parts;
        try
        {
            parts = PendingProtector.Unprotect(cookie).Split('|', 4);
        }
        catch (CryptographicException)
        {
            return null;
        }

        if (parts.Length != 4 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var id)
            || !long.TryParse(parts[2], CultureInfo.InvariantCulture, out var expires)
            || clock.GetUtcNow() >= DateTimeOffset.FromUnixTimeSeconds(expires))
        {
            return null;
        }

        var staff = await db.Staff.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        return staff is null || staff.SecurityStamp != parts[1] || !staff.HasTwoFactor ? null : (staff, parts[3]);
    }

    /// <summary>
    /// Checks an authenticator code (six digits) or a recovery code. Wrong ones count toward the same throttle as
    /// wrong passwords, so the code cannot be guessed once the password is known.
    /// </summary>
    public async Task<SecondStepOutcome> CheckSecondStepAsync(StaffMember staff, string? code, IPAddress? address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        if (throttle.MustWait(staff.Email, address))
        {
            return SecondStepOutcome.Throttled;
        }

        var digits = (code ?? "").Replace(" ", "", StringComparison.Ordinal);
        var check = digits.Length == Totp.Digits && digits.All(char.IsAsciiDigit)
            ? await twoFactor.CheckCodeAsync(staff, digits, cancellationToken)
            : await twoFactor.UseRecoveryCodeAsync(staff, code, cancellationToken) ? TwoFactor.Check.Accepted : TwoFactor.Check.Wrong;
        if (check != TwoFactor.Check.Accepted)
        {
            throttle.Failed(staff.Email, address);
            return throttle.MustWait(staff.Email, address) ? SecondStepOutcome.Throttled
                : check == TwoFactor.Check.AlreadyUsed ? SecondStepOutcome.AlreadyUsed : SecondStepOutcome.Wrong;
        }

        throttle.Succeeded(staff.Email, address);
        return SecondStepOutcome.SignedIn;
    }

    public static void ForgetPassedPassword(HttpContext context) =>
        context?.Response.Cookies.Delete(PendingCookie, new CookieOptions { Path = SecondStepPath });
}
