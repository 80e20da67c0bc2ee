using Masthead.Data;
using Masthead.Privacy;
using Masthead.Settings;
using Masthead.Staff;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Masthead.Web;

public static class WebSetup
{
    /// <summary>The largest request body accepted anywhere: room for a cover image plus the article's text.</summary>
    public const long MaxRequestBytes = 8 * 1024 * 1024;

    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorPages(pages =>
        {
            pages.Conventions.AuthorizeFolder("/Admin", StaffSetup.StaffPolicy);
            pages.Conventions.AllowAnonymousToPage("/Admin/SignIn");
            pages.Conventions.AllowAnonymousToPage("/Admin/SignInTwoFactor");
            pages.Conventions.AuthorizeFolder("/Admin/Staff", StaffSetup.AdminPolicy);
            pages.Conventions.AuthorizePage("/Admin/Authors", StaffSetup.EditorPolicy);
            pages.Conventions.AuthorizeFolder("/Admin/Appeals", StaffSetup.EditorPolicy);
            pages.Conventions.AuthorizeFolder("/Admin/Supporters", StaffSetup.AdminPolicy);
            pages.Conventions.AuthorizePage("/Admin/Audit", StaffSetup.AdminPolicy);
            pages.Conventions.AddPageRoute("/Admin/Articles/Edit", "/admin/articles/new");
        }).AddMvcOptions(mvc => mvc.ModelBinderProviders.Insert(0, new TypedText.BinderProvider()));
        services.AddProblemDetails();
        services.AddAccessLog();
        services.AddFormLimits(configuration);
        services.AddSingleton<PageCache>();
        services.AddSingleton<PageCacheResponses>();
        services.AddSingleton<PageCacheNodes>();
        services.AddHostedService(sp => sp.GetRequiredService<PageCacheNodes>());
        services.AddSettings<PageCacheOptions>("Masthead:Cache");
        // Keys sign the staff cookie and antiforgery tokens; kept so a restart signs nobody out, and shared by every node.
        services.AddDataProtection().SetApplicationName("Masthead").PersistKeyRing(configuration);
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "masthead_csrf";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.FormFieldName = "__RequestVerificationToken";
        });
        services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = MaxRequestBytes);
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxRequestBytes;
            kestrel.AddServerHeader = false;
        });
        return services;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        // Client addresses come from X-Forwarded-For only when the proxies that send it are named (Masthead:Proxy:KnownProxies).
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value.KnownProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseAccessLog();
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<UnreadableForms>();
        app.UseMiddleware<PageCacheHits>();
        // Routing first: the static-file middleware then skips requests that matched a page, and a cached page is
        // served without the file-system lookup that would otherwise come first.
        app.UseRouting();
        app.UseMiddleware<ScriptNonce>();
        app.UseFormLimits();
        app.UseMiddleware<PageCacheMiddleware>();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
        return app;
    }

    public static WebApplication MapWeb(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapSecurityTxt();
        return app;
    }
}
