using System.Security.Claims;
using Masthead.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Staff;

/// <summary>Checks staff credentials with ASP.NET Core Identity's password hasher and locks an account after repeated failures.</summary>
public sealed class StaffSignIn(MastheadDb db, IPasswordHasher<StaffMember> hasher, TimeProvider clock)
{
    public const string StampClaim = "masthead:stamp";
    public const string MustChangePasswordClaim = "masthead:must-change-password";

    public enum Outcome
    {
        SignedIn,
        WrongCredentials,
        LockedOut,
    }

    public async Task<(Outcome Outcome, StaffMember? Staff)> CheckAsync(string email, string password, CancellationToken cancellationToken)
    {
        var normalized = email.Trim().ToLowerInvariant();
        var staff = await db.Staff.SingleOrDefaultAsync(s => s.Email == normalized, cancellationToken);
        var now = clock.GetUtcNow();
        if (staff is null)
        {
            // Spend the same time as a real check so response times do not reveal which addresses exist.
            hasher.VerifyHashedPassword(new StaffMember { Email = "", DisplayName = "" }, DummyHash, password);
            return (Outcome.WrongCredentials, null);
        }

        if (staff.IsLockedOutAt(now))
        {
            return (Outcome.LockedOut, null);
        }

        var result = hasher.VerifyHashedPassword(staff, staff.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            staff.RecordFailedSignIn(now);
            await db.SaveChangesAsync(cancellationToken);
            return (staff.IsLockedOutAt(now) ? Outcome.LockedOut : Outcome.WrongCredentials, null);
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            staff.PasswordHash = hasher.HashPassword(staff, password);
        }

        staff.RecordSignIn();
        await db.SaveChangesAsync(cancellationToken);
        return (Outcome.SignedIn, staff);
    }

    public void SetPassword(StaffMember staff, string password)
    {
        staff.PasswordHash = hasher.HashPassword(staff, password);
        staff.SecurityStamp = Guid.NewGuid().ToString("N");
        staff.MustChangePassword = false;
    }

    /// <summary>Signs out a cookie whose account is gone or whose password has changed since it was issued.</summary>
    public static async Task RejectStaleCookieAsync(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = context.Principal?.FindFirstValue(StampClaim);
        var db = context.HttpContext.RequestServices.GetRequiredService<MastheadDb>();
        var current = id is null ? null : await db.Staff.Where(s => s.Id == int.Parse(id, System.Globalization.CultureInfo.InvariantCulture))
            .Select(s => new { s.SecurityStamp, s.Role }).SingleOrDefaultAsync();
        if (current is null || current.SecurityStamp != stamp || !context.Principal!.IsInRole(current.Role.ToString()))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    private static readonly string DummyHash = new PasswordHasher<StaffMember>().HashPassword(new StaffMember { Email = "", DisplayName = "" }, "not a real password");
}
