using Masthead.Settings;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace Masthead.Newsroom;

public static class NewsroomSetup
{
    public static IServiceCollection AddNewsroom(this IServiceCollection services)
    {
        services.AddSettings<NewsroomOptions>("Masthead:Newsroom");
        services.AddSingleton<IValidateOptions<NewsroomOptions>, PublicAddressRules>();
        services.AddSingleton<PublicAddress>();

        // ASP.NET Core's host filtering (put in front of every request by WebApplication) answers 400 to any other Host
        // outside Development; the health probes are answered before it (Operations), so a balancer may probe by address.
        // Set here, the list wins over the AllowedHosts setting, which fills it only when empty (as in Development).
        services.AddOptions<HostFilteringOptions>().Configure<IOptions<NewsroomOptions>, IHostEnvironment>((filtering, newsroom, environment) =>
        {
            if (!environment.IsDevelopment())
            {
                filtering.AllowedHosts = [.. PublicAddress.HostNames(newsroom.Value)];
                filtering.AllowEmptyHosts = false;
            }
        });
        return services;
    }
}
