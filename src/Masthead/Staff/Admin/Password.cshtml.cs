using System.ComponentModel.DataAnnotations;
using Masthead.Audit;
using Masthead.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Masthead.Staff.Admin;

public sealed class PasswordModel(MastheadDb db, StaffSignIn signIn, IPasswordHasher<StaffMember> hasher, AuditLog audit, IStringLocalizer<AdminText> text) : PageModel
{
    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Enter your current password.")]
        [StringLength(200)]
        public string Current { get; set; } = "";

        [Required(ErrorMessage = "Choose a new password.")]
        [StringLength(200, MinimumLength = 12, ErrorMessage = "Use at least {2} characters (a few words make a good one).")]
        public string New { get; set; } = "";

        [Compare(nameof(New), ErrorMessage = "The two new passwords differ.")]
        public string Confirm { get; set; } = "";
    }

    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public bool MustChange => User.HasClaim(StaffSignIn.MustChangePasswordClaim, "true");

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var staff = await db.Staff.FindAsync([User.StaffId()], cancellationToken);
        if (staff is null)
        {
            return Forbid();
        }

        if (ModelState.IsValid && hasher.VerifyHashedPassword(staff, staff.PasswordHash, Input.Current) == PasswordVerificationResult.Failed)
        {
            ModelState.AddModelError("Input.Current", text["NotCurrentPassword"]);
        }

        if (ModelState.IsValid && Input.New == Input.Current)
        {
            ModelState.AddModelError("Input.New", text["PasswordSameAsCurrent"]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        signIn.SetPassword(staff, Input.New);
        audit.Record(User, AuditActions.PasswordChanged, AuditLog.Staff(staff.Id));
        await db.SaveChangesAsync(cancellationToken);

        // Whoever may have known the old password is signed out everywhere; this browser carries on.
        await StaffSetup.EndSessionsAsync(db, staff.Id, except: User.SessionId(), cancellationToken);
        await StaffSetup.SignInAsync(HttpContext, staff, User.SessionId());
        return Redirect("/admin");
    }
}
