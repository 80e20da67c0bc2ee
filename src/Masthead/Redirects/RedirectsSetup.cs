using Masthead.Staff;

namespace Masthead.Redirects;

public static class RedirectsSetup
{
    public static IServiceCollection AddRedirects(this IServiceCollection services)
    {
        services.AddPageConventions(pages => pages.AuthorizeFolder("/Redirects/Admin", StaffSetup.EditorPolicy));
        return services;
    }

    /// <summary>Inside the status-code pages (which would otherwise show "not found") and after the security headers.</summary>
    public static IApplicationBuilder UseRedirects(this IApplicationBuilder app) => app.UseMiddleware<OldAddresses>();
}
