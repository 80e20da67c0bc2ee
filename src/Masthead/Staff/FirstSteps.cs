namespace Masthead.Staff;

/// <summary>
/// What a staff member must do before anything else in the admin, in one fixed order: choose their own password when
/// theirs was handed out on a console, then (admins) set up two-factor sign-in. Every admin page sends to the first
/// step still owed, and that step's own page is always let through, so no step can send to another that sends back:
/// the loop a newcomer met (the password page sending to two-factor set-up, which sent back) cannot happen. A step
/// added later goes into <see cref="InOrder"/> and nowhere else.
/// </summary>
public static class FirstSteps
{
    public const string PasswordPath = "/admin/password";

    private sealed record Step(string Path, Func<StaffMember, bool> OwedBy, Func<HttpContext, bool> OwedOnRequest);

    private static readonly Step[] InOrder =
    [
        new(PasswordPath, staff => staff.MustChangePassword, context => context.User.HasClaim(StaffSignIn.MustChangePasswordClaim, "true")),
        new(StaffSetup.TwoFactorPath, staff => staff.MustEnrolTwoFactor, context => context.Items.ContainsKey(StaffSignIn.MustEnrolItem)),
    ];

    /// <summary>Where a staff member who just signed in goes: the first step they owe, or <paramref name="destination"/>.</summary>
    public static string After(StaffMember staff, string destination) =>
        InOrder.FirstOrDefault(step => step.OwedBy(staff))?.Path ?? destination;

    /// <summary>Sends every admin request of a signed-in staff member to the first step they still owe.</summary>
    public static IApplicationBuilder UseFirstSteps(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/admin") && !path.StartsWithSegments("/admin/signout")
            && InOrder.FirstOrDefault(step => step.OwedOnRequest(context)) is { } owed && !path.StartsWithSegments(owed.Path))
        {
            context.Response.Redirect(owed.Path);
            return;
        }

        await next(context);
    });
}
