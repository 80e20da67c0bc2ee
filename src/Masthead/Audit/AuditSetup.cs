using Masthead.Staff;

namespace Masthead.Audit;

public static class AuditSetup
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddPageConventions(pages => pages.AuthorizeFolder("/Audit/Admin", StaffSetup.AdminPolicy));
        return services.AddScoped<AuditLog>();
    }
}
