using Masthead.Staff;

namespace Masthead.Revenue;

public static class RevenueSetup
{
    /// <summary>
    /// The revenue dashboard, for admins only: like the supporters list, what readers give is kept to the fewest people.
    /// The appeals' page is for editors too, who write the appeals: it reads only the tallies, which know no one.
    /// </summary>
    public static IServiceCollection AddRevenue(this IServiceCollection services)
    {
        services.AddPageConventions(pages =>
        {
            pages.AuthorizeFolder("/Revenue/Admin", StaffSetup.AdminPolicy);
            pages.AuthorizeFolder("/Revenue/Appeals", StaffSetup.EditorPolicy);
        });
        return services;
    }
}
