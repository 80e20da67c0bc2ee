using Masthead.Jobs;
using Masthead.Settings;

namespace Masthead.Search;

public static class SearchSetup
{
    /// <summary>The search page needs no mapping (a Razor page); the content API's <c>?q=</c> is <see cref="SearchApi"/>.</summary>
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddSettings<SearchOptions>("Masthead:Search");
        services.AddSingleton<SearchLimits>();
        services.AddScoped<SearchIndex>();
        services.AddScoped<SearchCatchUp>();
        services.AddPeriodicJob<SearchCatchUp>(SearchCatchUp.Name, SearchCatchUp.Interval, (job, cancellationToken) => job.RunOnceAsync(cancellationToken));
        return services;
    }
}
