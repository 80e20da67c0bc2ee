using Masthead.Data;
using Masthead.Jobs;
using Microsoft.Extensions.FileProviders;

namespace Masthead.Articles;

public static class ArticlesSetup
{
    public static IServiceCollection AddArticles(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<CoverImages>();
        services.AddScoped<ArticleEditing>();
        services.AddHostedService<StoredHtmlCheck>();
        services.AddSingleton<ScheduledPublishing>();
        services.AddPeriodicJob<ScheduledPublishing>(ScheduledPublishing.Name, ScheduledPublishing.Interval,
            (job, cancellationToken) => job.RunOnceAsync(cancellationToken), everyNode: true);
        return services;
    }

    public static WebApplication MapArticles(this WebApplication app)
    {
        var covers = app.Services.GetRequiredService<CoverImages>();
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = "/media",
            FileProvider = new PhysicalFileProvider(covers.Directory),
            // Media names are random and never reused, so a year of caching is safe.
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable",
        });
        app.MapFeeds();
        app.MapContentApi();
        return app;
    }
}
