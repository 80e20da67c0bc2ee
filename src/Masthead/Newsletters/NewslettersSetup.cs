using Masthead.Email;
using Masthead.Jobs;
using Masthead.Settings;
using Masthead.Staff;

namespace Masthead.Newsletters;

public static class NewslettersSetup
{
    public const string Section = "Masthead:Newsletters";

    public static IServiceCollection AddNewsletters(this IServiceCollection services)
    {
        services.AddSettings<NewsletterOptions>(Section);
        services.AddPageConventions(pages =>
        {
            pages.AuthorizeFolder("/Newsletters/Admin", StaffSetup.EditorPolicy);
            pages.AddPageRoute("/Newsletters/Admin/Issue", "/admin/newsletters/issues/new");
            pages.AddPageRoute("/Newsletters/Admin/List", "/admin/newsletters/lists/new");
        });
        services.AddScoped<Subscribers>();
        services.AddOutgoingMail<Confirmations>();
        services.AddScoped<IssueMessages>();
        services.AddScoped<IssueContents>();
        services.AddScoped<IssueSending>();
        services.AddPeriodicJob<IssueSending>(IssueSending.JobName, IssueSending.Interval, (queue, cancellationToken) => queue.RunOnceAsync(cancellationToken));
        services.AddScoped<ListIssues>();
        services.AddPeriodicJob<ListIssues>(ListIssues.JobName, ListIssues.Interval, (lists, cancellationToken) => lists.RunOnceAsync(cancellationToken));
        return services;
    }
}
