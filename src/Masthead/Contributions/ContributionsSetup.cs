using Masthead.Email;
using Masthead.Jobs;
using Masthead.Settings;

namespace Masthead.Contributions;

public static class ContributionsSetup
{
    public static IServiceCollection AddContributions(this IServiceCollection services)
    {
        services.AddSettings<ContributionOptions>(ContributionOptions.Section).PostConfigure(options =>
        {
            if (options.Currencies.Count == 0)
            {
                options.Currencies = ContributionOptions.DemoCurrencies();
            }
        });
        services.AddScoped<PaymentInbox>();
        services.AddScoped<MagicLinks>();
        services.AddScoped<Receipts>();
        services.AddScoped<LinkRequests>();
        services.AddSingleton<ManageSession>();

        // The job that applies every provider's events. The inbox's claims make it safe beside the thank-you page and other nodes applying the same events.
        services.AddPeriodicJob(PaymentInbox.JobName, PaymentInbox.JobInterval, async (scope, cancellationToken) =>
        {
            if (await scope.GetRequiredService<PaymentInbox>().ProcessPendingAsync(cancellationToken) > 0)
            {
                // A completed checkout's receipt goes out now, not at the mail job's next look.
                await scope.GetRequiredService<JobHost>().WakeAsync(MailJob.Name, cancellationToken);
            }
        });
        return services;
    }
}
