namespace Masthead.Newsroom;

public static class NewsroomSetup
{
    public static IServiceCollection AddNewsroom(this IServiceCollection services)
    {
        services.AddOptions<NewsroomOptions>().BindConfiguration("Masthead:Newsroom").ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
