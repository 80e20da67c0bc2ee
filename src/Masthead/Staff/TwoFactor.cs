using System.Security.Cryptography;
using System.Text;
using Masthead.Data;
using Masthead.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Staff;

/// <summary>A staff member's second factor: an authenticator app's codes, or one of ten single-use recovery codes.</summary>
public sealed class TwoFactor(MastheadDb db, PersonalData personalData, TimeProvider clock)
{
    public const int RecoveryCodeCount = 10;

    public enum Check
    {
        Accepted,
        Wrong,
        AlreadyUsed,
    }

    /// <summary>
    /// Checks an authenticator code against the staff member's secret, or against <paramref name="candidateSecret"/>
    /// while enrolling. An accepted code's step is remembered, so the same code never works twice.
    /// </summary>
    public async Task<Check> CheckCodeAsync(StaffMember staff, string? code, CancellationToken cancellationToken, byte[]? candidateSecret = null)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var secret = candidateSecret ?? SecretOf(staff);
        if (secret is null || Totp.MatchingStep(secret, code, clock.GetUtcNow()) is not { } step)
        {
            return Check.Wrong;
        }

        // The step is claimed in the database, not just on this copy of the row, so two requests racing with one
        // code cannot both pass.
        if (step <= staff.TotpLastStep || await db.Staff
                .Where(s => s.Id == staff.Id && (s.TotpLastStep == null || s.TotpLastStep < step))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.TotpLastStep, step), cancellationToken) == 0)
        {
            return Check.AlreadyUsed;
        }

        staff.TotpLastStep = step;
        return Check.Accepted;
    }

    /// <summary>Turns two-factor sign-in on with <paramref name="secret"/>, which <paramref name="code"/> must confirm.</summary>
    public async Task<Check> EnableAsync(StaffMember staff, byte[] secret, string? code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var check = await CheckCodeAsync(staff, code, cancellationToken, secret);
        if (check == Check.Accepted)
        {
            staff.TotpSecretProtected = personalData.Protect(Totp.ToBase32(secret));
        }

        return check;
    }

    public async Task DisableAsync(StaffMember staff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        staff.TotpSecretProtected = null;
        staff.TotpLastStep = null;
        await db.StaffRecoveryCodes.Where(c => c.StaffMemberId == staff.Id).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Replaces the staff member's recovery codes with ten new ones (saved here) and returns them, to be shown once.</summary>
    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(StaffMember staff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        await db.StaffRecoveryCodes.Where(c => c.StaffMemberId == staff.Id).ExecuteDeleteAsync(cancellationToken);
        var codes = Enumerable.Range(0, RecoveryCodeCount).Select(_ => NewRecoveryCode()).ToList();
        db.StaffRecoveryCodes.AddRange(codes.Select(code => new StaffRecoveryCode { StaffMemberId = staff.Id, CodeHash = Hash(code) }));
        await db.SaveChangesAsync(cancellationToken);
        return codes;
    }

    /// <summary>Uses up a recovery code. Deleting the row is the check, so two requests racing with one code cannot both pass.</summary>
    public async Task<bool> UseRecoveryCodeAsync(StaffMember staff, string? code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        if (string.IsNullOrWhiteSpace(code))
        {
            return false;
        }

        var hash = Hash(code);
        return await db.StaffRecoveryCodes.Where(c => c.StaffMemberId == staff.Id && c.CodeHash == hash).ExecuteDeleteAsync(cancellationToken) == 1;
    }

    public Task<int> RecoveryCodesLeftAsync(int staffId, CancellationToken cancellationToken) =>
        db.StaffRecoveryCodes.CountAsync(c => c.StaffMemberId == staffId, cancellationToken);

    private byte[]? SecretOf(StaffMember staff) => Totp.FromBase32(personalData.TryUnprotect(staff.TotpSecretProtected));

    // 16 symbols of 32 (80 random bits), grouped for reading aloud; no 0/O or 1/l to confuse.
    private static string NewRecoveryCode()
    {
        var symbols = RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz23456789", 16);
        return string.Join('-', symbols.Chunk(4).Select(chunk => new string(chunk)));
    }

    // SHA-256 is enough here: with 80 random bits a code cannot be found from its hash by guessing, unlike a password.
    private static string Hash(string code)
    {
        var normalized = code.Trim().ToLowerInvariant().Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }
}
