using Masthead.Payments;
using Masthead.Payments.Sandbox;

namespace Masthead.Contributions;

public static class ContributionsSetup
{
    public static IServiceCollection AddContributions(this IServiceCollection services)
    {
        services.AddOptions<ContributionOptions>().BindConfiguration("Masthead:Contributions")
            .PostConfigure(options =>
            {
                if (options.Currencies.Count == 0)
                {
                    options.Currencies = ContributionOptions.DemoCurrencies();
                }
            })
            .Validate(options => options.Currencies.ContainsKey(options.DefaultCurrency), "Masthead:Contributions:DefaultCurrency must be one of the configured currencies.")
            .Validate(options => options.Currencies.Keys.All(Currencies.IsCode), "Masthead:Contributions:Currencies must be keyed by ISO 4217 codes such as USD.")
            .ValidateOnStart();
        services.AddScoped<PaymentInbox>();
        services.AddScoped<MagicLinks>();
        services.AddScoped<Receipts>();
        services.AddSingleton<ManageSession>();
        services.AddScoped<SandboxProvider>();
        services.AddScoped<IPaymentProvider>(sp => sp.GetRequiredService<SandboxProvider>());
        services.AddScoped<SandboxRenewals>();
        services.AddHostedService<SandboxRenewalJob>();
        services.AddOptions<PaymentOptions>().BindConfiguration("Masthead:Payments").ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
