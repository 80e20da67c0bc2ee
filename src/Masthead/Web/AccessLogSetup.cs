using Masthead.Settings;

namespace Masthead.Web;

public static class AccessLogSetup
{
    public static IServiceCollection AddAccessLog(this IServiceCollection services)
    {
        services.AddSettings<LoggingOptions>("Masthead:Logging");
        return services;
    }

    /// <summary>
    /// Inside the exception handler and the status pages, so a request is logged under the route it matched (not as
    /// /error), and before the page cache's hits, so they are logged too; absent unless switched on. Its time ends
    /// when the request's own answer is ready, before any status page is rendered.
    /// </summary>
    public static WebApplication UseAccessLog(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<LoggingOptions>>().Value.AccessLog)
        {
            app.UseMiddleware<AccessLog>();
        }

        return app;
    }
}
