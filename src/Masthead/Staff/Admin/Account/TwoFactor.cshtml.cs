using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Masthead.Audit;
using Masthead.Data;
using Masthead.Newsroom;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using QRCoder;

namespace Masthead.Staff.Admin.Account;

public sealed class TwoFactorModel(
    MastheadDb db, TwoFactor twoFactor, AuditLog audit, IPasswordHasher<StaffMember> hasher, IDataProtectionProvider protection, IOptions<NewsroomOptions> newsroom,
    IStringLocalizer<AdminText> text)
    : PageModel
{
    /// <summary>The secret being set up travels in the form, encrypted, so nothing is stored until a code confirms it.</summary>
    [BindProperty]
    public string? ProtectedSecret { get; set; }

    [BindProperty]
    [StringLength(200, ErrorMessage = "That is longer than any code or password here.")]
    public string? Code { get; set; }

    [BindProperty]
    [StringLength(200, ErrorMessage = "That is longer than any code or password here.")]
    public string? Confirmation { get; set; }

    public bool Enabled { get; private set; }

    public bool Required { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>Shown once, right after they are made; only their hashes are kept.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public string SecretBase32 { get; private set; } = "";

    public string KeyUri { get; private set; } = "";

    public string QrCodeDataUri { get; private set; } = "";

    private IDataProtector SecretProtector => protection.CreateProtector("Masthead.Staff.TwoFactorEnrolment");

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var staff = await CurrentStaffAsync(cancellationToken);
        await ShowAsync(staff, staff.HasTwoFactor ? null : Totp.NewSecret(), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken cancellationToken)
    {
        var staff = await CurrentStaffAsync(cancellationToken);
        if (staff.HasTwoFactor)
        {
            return Redirect(StaffSetup.TwoFactorPath);
        }

        var secret = UnprotectSecret();
        if (secret is null)
        {
            ModelState.AddModelError("", text["SetUpTooOld"]);
            return await RefuseAsync(staff, Totp.NewSecret(), cancellationToken);
        }

        var check = ModelState.IsValid ? await twoFactor.EnableAsync(staff, secret, Code, cancellationToken) : TwoFactor.Check.Wrong;
        if (check != TwoFactor.Check.Accepted)
        {
            ModelState.AddModelError(nameof(Code), check == TwoFactor.Check.AlreadyUsed
                ? text["CodeAlreadyUsed"]
                : text["CodeDoesNotMatch"]);
            return await RefuseAsync(staff, secret, cancellationToken);
        }

        audit.Record(User, AuditActions.TwoFactorEnabled, AuditLog.Staff(staff.Id));
        await db.SaveChangesAsync(cancellationToken);
        RecoveryCodes = await twoFactor.NewRecoveryCodesAsync(staff, cancellationToken);
        await ShowAsync(staff, null, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync(CancellationToken cancellationToken)
    {
        var staff = await CurrentStaffAsync(cancellationToken);
        if (!await ConfirmedAsync(staff, cancellationToken))
        {
            return await RefuseAsync(staff, null, cancellationToken);
        }

        audit.Record(User, AuditActions.RecoveryCodesRenewed, AuditLog.Staff(staff.Id));
        await db.SaveChangesAsync(cancellationToken);
        RecoveryCodes = await twoFactor.NewRecoveryCodesAsync(staff, cancellationToken);
        await ShowAsync(staff, null, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken)
    {
        var staff = await CurrentStaffAsync(cancellationToken);
        if (!await ConfirmedAsync(staff, cancellationToken))
        {
            return await RefuseAsync(staff, null, cancellationToken);
        }

        await twoFactor.DisableAsync(staff, cancellationToken);
        audit.Record(User, AuditActions.TwoFactorDisabled, AuditLog.Staff(staff.Id));
        await db.SaveChangesAsync(cancellationToken);
        return Redirect(StaffSetup.TwoFactorPath);
    }

    /// <summary>Changing two-factor settings asks for a current code or the password, so an unattended browser is not enough.</summary>
    private async Task<bool> ConfirmedAsync(StaffMember staff, CancellationToken cancellationToken)
    {
        if (!staff.HasTwoFactor)
        {
            ModelState.AddModelError("", text["TwoFactorNotOn"]);
            return false;
        }

        var answer = Confirmation?.Trim() ?? "";
        var confirmed = ModelState.IsValid && answer.Length > 0
            && (hasher.VerifyHashedPassword(staff, staff.PasswordHash, answer) != PasswordVerificationResult.Failed
                || await twoFactor.CheckCodeAsync(staff, answer, cancellationToken) == TwoFactor.Check.Accepted);
        if (!confirmed && ModelState.IsValid)
        {
            ModelState.AddModelError(nameof(Confirmation), text["NeitherCodeNorPassword"]);
        }

        return confirmed;
    }

    private async Task<PageResult> RefuseAsync(StaffMember staff, byte[]? secret, CancellationToken cancellationToken)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Confirmation = null;
        await ShowAsync(staff, secret, cancellationToken);
        return Page();
    }

    private async Task<StaffMember> CurrentStaffAsync(CancellationToken cancellationToken) =>
        await db.Staff.FindAsync([User.StaffId()], cancellationToken) ?? throw new InvalidOperationException("A signed-in staff member has no account.");

    private async Task ShowAsync(StaffMember staff, byte[]? secret, CancellationToken cancellationToken)
    {
        Enabled = staff.HasTwoFactor;
        Required = staff.Role == StaffRole.Admin;
        RecoveryCodesLeft = Enabled ? await twoFactor.RecoveryCodesLeftAsync(staff.Id, cancellationToken) : 0;
        if (secret is null)
        {
            return;
        }

        SecretBase32 = Totp.ToBase32(secret);

        // The form must carry this secret, not the one posted (which the tag helper would otherwise prefer).
        ModelState.Remove(nameof(ProtectedSecret));
        ProtectedSecret = SecretProtector.Protect(SecretBase32);
        KeyUri = Totp.KeyUri(secret, newsroom.Value.Name, staff.Email);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(KeyUri, QRCodeGenerator.ECCLevel.M);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
    }

    private byte[]? UnprotectSecret()
    {
        try
        {
            return Totp.FromBase32(SecretProtector.Unprotect(ProtectedSecret ?? "")) is { Length: Totp.SecretBytes } secret ? secret : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
