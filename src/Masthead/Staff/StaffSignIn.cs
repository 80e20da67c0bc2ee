using System.Net;
using System.Security.Claims;
using Masthead.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Staff;

/// <summary>
/// Checks staff credentials with ASP.NET Core Identity's password hasher, then the second factor for those who have
/// one; repeated failures of either from one address slow that address down for that account (<see cref="SignInThrottle"/>).
/// </summary>
public sealed partial class StaffSignIn(
    MastheadDb db, IPasswordHasher<StaffMember> hasher, TwoFactor twoFactor, IDataProtectionProvider protection, SignInThrottle throttle, TimeProvider clock)
{
    public const string StampClaim = "masthead:stamp";
    public const string MustChangePasswordClaim = "masthead:must-change-password";
    public const string SessionClaim = "masthead:session";

    /// <summary>Set on the request by <see cref="RejectStaleCookieAsync"/> when an admin has not yet set up two-factor sign-in.</summary>
    public const string MustEnrolItem = "masthead:must-enrol";

    public enum Outcome
    {
        /// <summary>The password is right: signed in, or on to the code step for those with two-factor sign-in.</summary>
        PasswordRight,
        WrongCredentials,

        /// <summary>Too many failures from this address for this account lately: refused unchecked, answered as wrong credentials.</summary>
        Throttled,
    }

    public async Task<(Outcome Outcome, StaffMember? Staff)> CheckAsync(string email, string password, IPAddress? address, CancellationToken cancellationToken)
    {
        var normalized = email.Trim().ToLowerInvariant();
        if (throttle.MustWait(normalized, address))
        {
            // The same work and the same answer as a wrong password, so waiting reveals nothing about the account.
            CheckAgainstNobody(password);
            return (Outcome.Throttled, null);
        }

        var staff = await db.Staff.SingleOrDefaultAsync(s => s.Email == normalized, cancellationToken);
        if (staff is null || !staff.IsActive)
        {
            // Spend the same time as a real check so response times do not reveal which addresses exist; a
            // deactivated account is answered as one that does not exist.
            CheckAgainstNobody(password);
            throttle.Failed(normalized, address);
            return (Outcome.WrongCredentials, null);
        }

        var result = hasher.VerifyHashedPassword(staff, staff.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            throttle.Failed(normalized, address);
            return (Outcome.WrongCredentials, null);
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            staff.PasswordHash = hasher.HashPassword(staff, password);
            await db.SaveChangesAsync(cancellationToken);
        }

        // With a second factor still to pass, the failures stand: otherwise re-entering a known password would give
        // an attacker endless fresh guesses at the code.
        if (!staff.HasTwoFactor)
        {
            throttle.Succeeded(normalized, address);
        }

        return (Outcome.PasswordRight, staff);
    }

    /// <summary>Spends the time a real password check takes, on a hash that matches no account.</summary>
    private void CheckAgainstNobody(string password) =>
        hasher.VerifyHashedPassword(new StaffMember { Email = "", DisplayName = "" }, DummyHash, password);

    public void SetPassword(StaffMember staff, string password)
    {
        staff.PasswordHash = hasher.HashPassword(staff, password);
        staff.SecurityStamp = Guid.NewGuid().ToString("N");
        staff.MustChangePassword = false;
    }

    /// <summary>
    /// Signs out a cookie whose session was ended, whose account is gone, or whose password or role has changed since
    /// it was issued; notes the session as seen (at most every few minutes).
    /// </summary>
    public static async Task RejectStaleCookieAsync(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = context.Principal?.FindFirstValue(StampClaim);
        var sessionId = context.Principal?.FindFirstValue(SessionClaim);
        var db = context.HttpContext.RequestServices.GetRequiredService<MastheadDb>();
        var staffId = int.TryParse(id, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        var current = sessionId is null ? null : await db.StaffSessions
            .Where(s => s.Id == sessionId && s.StaffMemberId == staffId)
            .Select(s => new { s.LastSeenAt, s.StaffMember!.SecurityStamp, s.StaffMember.Role, HasTwoFactor = s.StaffMember.TotpSecretProtected != null })
            .SingleOrDefaultAsync();
        if (current is null || current.SecurityStamp != stamp || !context.Principal!.IsInRole(current.Role.ToString()))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        if (current.Role == StaffRole.Admin && !current.HasTwoFactor)
        {
            context.HttpContext.Items[MustEnrolItem] = true;
        }

        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (now - current.LastSeenAt >= StaffSession.LastSeenPrecision)
        {
            await db.StaffSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now));
        }
    }

    private static readonly string DummyHash = new PasswordHasher<StaffMember>().HashPassword(new StaffMember { Email = "", DisplayName = "" }, "not a real password");
}
