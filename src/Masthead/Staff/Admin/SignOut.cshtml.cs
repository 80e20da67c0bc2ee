using Masthead.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Staff.Admin;

public sealed class SignOutModel(MastheadDb db) : PageModel
{
    public IActionResult OnGet() => Redirect("/admin");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // Deleting the session, not just the cookie, means a copy of the cookie stops working too.
        var sessionId = User.SessionId();
        await db.StaffSessions.Where(s => s.Id == sessionId).ExecuteDeleteAsync(cancellationToken);
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/admin/signin");
    }
}
