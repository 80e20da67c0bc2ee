using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.Headers;

namespace Masthead.Staff;

/// <summary>
/// Prints the admin in its reader's language: a signed-in staff member's choice (a claim in the sign-in cookie, so no
/// query), before sign-in the browser's Accept-Language between the admin's languages. Only under <c>/admin</c>:
/// reader pages stay in their edition's language, and the admin is never cached, so the page cache is untouched.
/// </summary>
public sealed class StaffLanguage(RequestDelegate next)
{
    public const string Claim = "masthead:language";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/admin"))
        {
            var chosen = context.User.Identity?.IsAuthenticated == true
                ? context.User.FindFirstValue(Claim) is { } claimed && StaffLanguages.IsKnown(claimed) ? claimed : StaffLanguages.English
                : StaffLanguages.FromAcceptLanguage(new RequestHeaders(context.Request.Headers).AcceptLanguage);
            var culture = StaffLanguages.Culture(chosen, CultureInfo.CurrentUICulture);
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
        }

        return next(context);
    }
}
