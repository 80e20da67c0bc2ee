using Masthead.Staff;

namespace Masthead.SitePages;

public static class SitePagesSetup
{
    public static IServiceCollection AddSitePages(this IServiceCollection services)
    {
        services.AddPageConventions(pages =>
        {
            pages.AuthorizeFolder("/SitePages/Admin", StaffSetup.EditorPolicy);
            pages.AddPageRoute("/SitePages/Admin/Edit", "/admin/pages/new");
        });
        services.Configure<RouteOptions>(routes => routes.ConstraintMap[SitePageSlugConstraint.Name] = typeof(SitePageSlugConstraint));
        services.AddSingleton<SiteNavigation>();
        services.AddScoped<SitePageEditing>();
        return services;
    }
}
