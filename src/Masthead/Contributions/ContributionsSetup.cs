using Masthead.Payments;
using Masthead.Payments.Sandbox;
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
        services.AddSingleton<ManageSession>();
        services.AddScoped<SandboxProvider>();
        services.AddScoped<IPaymentProvider>(sp => sp.GetRequiredService<SandboxProvider>());
        services.AddScoped<SandboxRenewals>();
        services.AddHostedService<SandboxRenewalJob>();
        services.AddSettings<PaymentOptions>("Masthead:Payments");
        return services;
    }
}
