using Masthead.Data;
using Masthead.Jobs;
using Masthead.Staff;

namespace Masthead.Articles;

public static class ArticlesSetup
{
    public static IServiceCollection AddArticles(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPageConventions(pages =>
        {
            pages.AuthorizeFolder("/Articles/Admin", StaffSetup.StaffPolicy);
            pages.AuthorizePage("/Articles/Admin/Authors", StaffSetup.EditorPolicy);
            pages.AddPageRoute("/Articles/Admin/Edit", "/admin/articles/new");
        });
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
        app.MapMethods("/media/{name}", [HttpMethods.Get, HttpMethods.Head], (string name, HttpContext context, MastheadDb db, CancellationToken cancellationToken) =>
            covers.ServeAsync(name, context, db, cancellationToken));
        app.MapFeeds();
        app.MapContentApi();
        return app;
    }
}
