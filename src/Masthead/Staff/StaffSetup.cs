using System.Security.Claims;
using System.Security.Cryptography;
using Masthead.Data;
using Masthead.Settings;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Staff;

public static class StaffSetup
{
    public const string StaffPolicy = "Staff";
    public const string EditorPolicy = "Editor";
    public const string AdminPolicy = "Admin";
    public const string TwoFactorPath = "/admin/account/two-factor";

    /// <summary>The first admin's address and password, read when the database has no staff yet.</summary>
    public const string AdminEmailSetting = "Masthead:Admin:Email", AdminPasswordSetting = "Masthead:Admin:Password";

    /// <summary>
    /// A feature's page conventions (which staff may open its pages), added where the feature registers; after Razor
    /// Pages' own set-up, which makes the conventions collection afresh.
    /// </summary>
    public static IServiceCollection AddPageConventions(this IServiceCollection services, Action<PageConventionCollection> conventions) =>
        services.PostConfigure<RazorPagesOptions>(pages => conventions(pages.Conventions));

    public static IServiceCollection AddStaff(this IServiceCollection services)
    {
        services.AddPageConventions(pages =>
        {
            pages.AuthorizeFolder("/Staff/Admin", StaffPolicy);
            pages.AllowAnonymousToPage("/Staff/Admin/SignIn");
            pages.AllowAnonymousToPage("/Staff/Admin/SignInTwoFactor");
            pages.AuthorizePage("/Staff/Admin/Accounts", AdminPolicy);
        });
        services.AddSettingKeys(AdminEmailSetting, AdminPasswordSetting);
        services.AddSingleton<IPasswordHasher<StaffMember>, PasswordHasher<StaffMember>>();
        services.AddScoped<StaffSignIn>();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<TwoFactor>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.LoginPath = "/admin/signin";
            cookie.LogoutPath = "/admin/signout";
            cookie.AccessDeniedPath = "/admin/denied";
            cookie.Cookie.Name = "masthead_staff";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.Cookie.Path = "/";
            cookie.ExpireTimeSpan = StaffSession.CookieLifetime;
            cookie.SlidingExpiration = true;
            cookie.Events.OnValidatePrincipal = StaffSignIn.RejectStaleCookieAsync;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, policy => policy.RequireRole(nameof(StaffRole.Writer), nameof(StaffRole.Editor), nameof(StaffRole.Admin)))
            .AddPolicy(EditorPolicy, policy => policy.RequireRole(nameof(StaffRole.Editor), nameof(StaffRole.Admin)))
            .AddPolicy(AdminPolicy, policy => policy.RequireRole(nameof(StaffRole.Admin)));
        return services;
    }

    public static WebApplication UseStaff(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<StaffLanguage>();
        app.UseAuthorization();
        app.UseFirstSteps();
        return app;
    }

    /// <summary>
    /// A new newsroom gets one admin: from <c>Masthead:Admin:Email</c>/<c>Password</c> when given, otherwise with a
    /// generated one-time password printed once on the console and replaced at first sign-in.
    /// </summary>
    public static async Task EnsureFirstAdminAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        if (await db.Staff.AnyAsync())
        {
            return;
        }

        var configuration = scope.ServiceProvider.GetRequiredService<IConfiguration>();
        var email = configuration[AdminEmailSetting] is { Length: > 0 } configured ? configured : "admin@masthead.local";
        var password = configuration[AdminPasswordSetting];
        var generated = string.IsNullOrEmpty(password);
        if (generated)
        {
            password = GeneratePassword();
        }

        var admin = new StaffMember { Email = email.Trim().ToLowerInvariant(), DisplayName = "Admin", Role = StaffRole.Admin, MustChangePassword = generated };
        admin.PasswordHash = scope.ServiceProvider.GetRequiredService<IPasswordHasher<StaffMember>>().HashPassword(admin, password!);
        db.Staff.Add(admin);
        await db.SaveChangesAsync();
        if (generated)
        {
            Console.WriteLine($"""

                ==============================================================
                 Masthead admin account created (shown once, change it at first sign-in):
                   email:    {admin.Email}
                   password: {password}
                   sign in:  /admin/signin
                ==============================================================

                """);
        }
    }

    public static string GeneratePassword() =>
        RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);

    public static int StaffId(this ClaimsPrincipal user) => int.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!, System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsEditor(this ClaimsPrincipal user) => user.IsInRole(nameof(StaffRole.Editor)) || user.IsInRole(nameof(StaffRole.Admin));

    /// <summary>
    /// Issues the staff cookie for a new session (a row in StaffSessions), or for <paramref name="sessionId"/> when a
    /// signed-in person's cookie is renewed, e.g. after changing their password.
    /// </summary>
    internal static async Task SignInAsync(HttpContext context, StaffMember staff, string? sessionId = null)
    {
        if (sessionId is null)
        {
            var db = context.RequestServices.GetRequiredService<MastheadDb>();
            var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            var session = new StaffSession
            {
                StaffMemberId = staff.Id,
                CreatedAt = now,
                LastSeenAt = now,
                UserAgent = StaffSession.Truncate(context.Request.Headers.UserAgent.ToString()),
            };
            db.StaffSessions.Add(session);
            await db.SaveChangesAsync(context.RequestAborted);
            sessionId = session.Id;
        }

        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, staff.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, staff.DisplayName),
                new Claim(ClaimTypes.Email, staff.Email),
                new Claim(ClaimTypes.Role, staff.Role.ToString()),
                new Claim(StaffSignIn.StampClaim, staff.SecurityStamp),
                new Claim(StaffSignIn.MustChangePasswordClaim, staff.MustChangePassword ? "true" : "false"),
                new Claim(StaffSignIn.SessionClaim, sessionId),
                new Claim(StaffLanguage.Claim, staff.Language),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme)));
    }

    /// <summary>Signs a staff member out of every browser but <paramref name="except"/>, at each one's next request.</summary>
    public static Task<int> EndSessionsAsync(MastheadDb db, int staffId, string? except, CancellationToken cancellationToken) =>
        db.StaffSessions.Where(s => s.StaffMemberId == staffId && s.Id != except).ExecuteDeleteAsync(cancellationToken);

    public static string? SessionId(this ClaimsPrincipal user) => user.FindFirstValue(StaffSignIn.SessionClaim);
}
