using Masthead.Newsroom;
using Microsoft.Extensions.Options;

namespace Masthead.Editions;

public static class EditionsSetup
{
    public static IServiceCollection AddEditions(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<NewsroomOptions>, EditionRules>();
        services.AddSingleton<SiteEditions>();

        // Resources sit beside the code that prints them (Articles/ArticlesText.resx beside ArticlesText.cs).
        services.AddLocalization();
        return services;
    }

    /// <summary>Finds each request's edition and language: before the error pages and the page cache, which both depend on it.</summary>
    public static IApplicationBuilder UseEditions(this IApplicationBuilder app) => app.UseMiddleware<EditionRouting>();
}
