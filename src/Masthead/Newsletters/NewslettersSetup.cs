using Masthead.Email;
using Masthead.Jobs;
using Masthead.Settings;

namespace Masthead.Newsletters;

public static class NewslettersSetup
{
    public const string Section = "Masthead:Newsletters";

    public static IServiceCollection AddNewsletters(this IServiceCollection services)
    {
        services.AddSettings<NewsletterOptions>(Section);
        services.AddScoped<Subscribers>();
        services.AddOutgoingMail<Confirmations>();
        services.AddScoped<IssueMessages>();
        services.AddScoped<IssueSending>();
        services.AddPeriodicJob<IssueSending>(IssueSending.JobName, IssueSending.Interval, (queue, cancellationToken) => queue.RunOnceAsync(cancellationToken));
        services.AddScoped<ListIssues>();
        services.AddPeriodicJob<ListIssues>(ListIssues.JobName, ListIssues.Interval, (lists, cancellationToken) => lists.RunOnceAsync(cancellationToken));
        return services;
    }
}
