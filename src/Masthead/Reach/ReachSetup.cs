using Masthead.Staff;

namespace Masthead.Reach;

public static class ReachSetup
{
    public static IServiceCollection AddReach(this IServiceCollection services)
    {
        services.AddPageConventions(pages => pages.AuthorizeFolder("/Reach/Admin", StaffSetup.EditorPolicy));
        services.AddSingleton<MirrorList>();
        services.AddSingleton<MirrorExport>();
        return services;
    }

    /// <summary>After the security headers and before the page cache's hits, so that every answer carries the onion address.</summary>
    public static IApplicationBuilder UseReach(this IApplicationBuilder app) => app.UseMiddleware<OnionLocation>();
}
