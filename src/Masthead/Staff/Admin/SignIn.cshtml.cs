using System.ComponentModel.DataAnnotations;
using Masthead.Audit;
using Masthead.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Masthead.Staff.Admin;

[FormGuard(FormLimits.SignIn)]
[EnableRateLimiting(FormLimits.SignIn)]
public sealed class SignInModel(StaffSignIn signIn, AuditLog audit, IStringLocalizer<AdminText> text) : PageModel
{
    public sealed class SignInInput
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [StringLength(254, ErrorMessage = "That is longer than any email address.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(200, ErrorMessage = "That is longer than any password here.")]
        public string Password { get; set; } = "";
    }

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    public string? ReturnUrl { get; set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public const string WrongCredentials = "That email and password do not match an account. After several failed tries from one place, " +
        "each further try there waits a little longer: check them, and if this keeps happening, wait a few minutes.";

    public async Task<IActionResult> OnPostAsync(string? returnUrl, CancellationToken cancellationToken)
    {
        ReturnUrl = returnUrl;
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var (outcome, staff) = await signIn.CheckAsync(Input.Email, Input.Password, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        if (outcome != StaffSignIn.Outcome.PasswordRight || !staff!.HasTwoFactor)
        {
            // With two-factor sign-in, the sign-in is recorded at the code step, where it succeeds or fails.
            await audit.RecordSignInAsync(Input.Email, outcome, cancellationToken);
        }

        if (outcome != StaffSignIn.Outcome.PasswordRight)
        {
            // One answer for an unknown address, a wrong password and a throttled attempt, so none tells which it was.
            ModelState.AddModelError("", text[WrongCredentials]);
            Input.Password = "";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        var destination = SiteUrls.LocalPathOr(returnUrl, "/admin") is var local && local.StartsWith("/admin", StringComparison.Ordinal) ? local : "/admin";
        if (staff!.HasTwoFactor)
        {
            signIn.RememberPassedPassword(HttpContext, staff, destination);
            return Redirect(StaffSignIn.SecondStepPath);
        }

        await StaffSetup.SignInAsync(HttpContext, staff);
        return Redirect(FirstSteps.After(staff, destination));
    }
}
