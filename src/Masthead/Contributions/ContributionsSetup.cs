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
        services.AddScoped<PaymentEventsJob>();
        services.AddPeriodicJob<PaymentEventsJob>(PaymentInbox.JobName, PaymentInbox.JobInterval, (job, cancellationToken) => job.RunOnceAsync(cancellationToken));
        return services;
    }
}
