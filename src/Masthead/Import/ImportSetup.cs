using Masthead.Staff;

namespace Masthead.Import;

public static class ImportSetup
{
    public static IServiceCollection AddImport(this IServiceCollection services)
    {
        // Importing writes over the whole archive and reads files from the server's disk: admins only.
        services.AddPageConventions(pages => pages.AuthorizeFolder("/Import/Admin", StaffSetup.AdminPolicy));
        services.AddScoped<ContentImport>();
        services.AddScoped<ImportRunner>();
        return services;
    }
}
