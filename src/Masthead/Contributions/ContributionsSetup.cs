using Masthead.Email;
using Masthead.Jobs;
using Masthead.Settings;
using Masthead.Staff;
using Microsoft.Extensions.Options;

namespace Masthead.Contributions;

public static class ContributionsSetup
{
    public static IServiceCollection AddContributions(this IServiceCollection services)
    {
        services.AddPageConventions(pages => pages.AuthorizeFolder("/Contributions/Admin", StaffSetup.AdminPolicy));
        services.AddSingleton<SupporterPass>();
        services.AddScoped<SupporterPasses>();
        services.AddSettings<ContributionOptions>(ContributionOptions.Section).PostConfigure(options =>
        {
            if (options.Currencies.Count == 0)
            {
                options.Currencies = ContributionOptions.DemoCurrencies();
            }
        });
        services.AddSingleton<IValidateOptions<ContributionOptions>, EditionCurrencyRule>();
        services.AddScoped<PaymentInbox>();
        services.AddScoped<MagicLinks>();
        services.AddOutgoingMail<Receipts>();
        services.AddOutgoingMail<LinkRequests>();
        services.AddSingleton<ManageSession>();
        services.AddScoped<SupporterAccount>();
        services.AddScoped<PaymentEventsJob>();
        services.AddPeriodicJob<PaymentEventsJob>(PaymentInbox.JobName, PaymentInbox.JobInterval, (job, cancellationToken) => job.RunOnceAsync(cancellationToken));
        return services;
    }
}
