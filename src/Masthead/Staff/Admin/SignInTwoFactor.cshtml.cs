using System.ComponentModel.DataAnnotations;
using Masthead.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Masthead.Staff.Admin;

public sealed class SignInTwoFactorModel(StaffSignIn signIn, AuditLog audit, IStringLocalizer<AdminText> text) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the code from your authenticator app, or a recovery code.")]
    [StringLength(40, ErrorMessage = "That is longer than any code.")]
    public string Code { get; set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await signIn.PassedPasswordAsync(HttpContext, cancellationToken) is null ? Redirect("/admin/signin") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await signIn.PassedPasswordAsync(HttpContext, cancellationToken) is not var (staff, returnUrl))
        {
            ModelState.AddModelError("", text["SignInTookTooLong"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var outcome = await signIn.CheckSecondStepAsync(staff, Code, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        await audit.RecordCodeStepAsync(staff, outcome, cancellationToken);
        if (outcome == StaffSignIn.SecondStepOutcome.SignedIn)
        {
            StaffSignIn.ForgetPassedPassword(HttpContext);
            await StaffSetup.SignInAsync(HttpContext, staff);
            return Redirect(FirstSteps.After(staff, returnUrl));
        }

        ModelState.AddModelError(nameof(Code), outcome switch
        {
            StaffSignIn.SecondStepOutcome.AlreadyUsed => text["CodeAlreadyUsed"],
            StaffSignIn.SecondStepOutcome.Throttled => text["TooManyWrongCodes"],
            _ => text["CodeWrong"],
        });
        Response.StatusCode = outcome == StaffSignIn.SecondStepOutcome.Throttled ? StatusCodes.Status429TooManyRequests : StatusCodes.Status401Unauthorized;
        return Page();
    }
}
