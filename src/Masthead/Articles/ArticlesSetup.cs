using Masthead.Data;

namespace Masthead.Articles;

public static class ArticlesSetup
{
    public static IServiceCollection AddArticles(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new CoverImages(configuration));
        services.AddScoped<ArticleEditing>();
        services.AddSingleton<ScheduledPublishing>();
        services.AddHostedService(sp => sp.GetRequiredService<ScheduledPublishing>());
        return services;
    }

    public static WebApplication MapArticles(this WebApplication app)
    {
        var covers = app.Services.GetRequiredService<CoverImages>();
        app.MapMethods("/media/{name}", [HttpMethods.Get, HttpMethods.Head], (string name, HttpContext context, MastheadDb db, CancellationToken cancellationToken) =>
            covers.ServeAsync(name, context, db, cancellationToken));
        app.MapFeeds();
        app.MapContentApi();
        return app;
    }
}
