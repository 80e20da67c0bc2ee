using Masthead.Settings;

namespace Masthead.Newsroom;

public static class NewsroomSetup
{
    public static IServiceCollection AddNewsroom(this IServiceCollection services)
    {
        services.AddSettings<NewsroomOptions>("Masthead:Newsroom");
        return services;
    }
}
