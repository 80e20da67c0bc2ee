using Masthead.Settings;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
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
        services.AddScoped<GhostMemberImport>();
        services.AddSettings<ImportOptions>("Masthead:Import");
        services.AddSingleton<ImportJobs>();
        services.AddHostedService(provider => provider.GetRequiredService<ImportJobs>());
        return services;
    }

    /// <summary>
    /// The Import page's upload may be larger than any other request (<see cref="ImportOptions.MaxUploadMegabytes"/>):
    /// its limits are raised for that one address before the form is read, with a megabyte more for the form's other
    /// fields, so the page itself can say what the limit is for a file just over it.
    /// </summary>
    public static IApplicationBuilder UseImportUploads(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals("/admin/import", StringComparison.OrdinalIgnoreCase))
        {
            var limit = context.RequestServices.GetRequiredService<IOptions<ImportOptions>>().Value.MaxUploadBytes + 1024 * 1024;
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit;
            }

            context.Features.Set<IFormFeature>(new FormFeature(context.Request, new FormOptions { MultipartBodyLengthLimit = limit }));
        }

        return next(context);
    });
}
