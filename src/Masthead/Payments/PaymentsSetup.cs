using Masthead.Payments.Sandbox;
using Masthead.Payments.Stripe;
using Masthead.Settings;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Masthead.Payments;

public static class PaymentsSetup
{
    /// <summary>The section <see cref="PaymentOptions"/> is bound from.</summary>
    public const string Section = "Masthead:Payments";

    /// <summary>
    /// Registers every payment provider, each by its own setup, and the choice of the one that takes new contributions.
    /// All stay registered whichever is chosen, so what an earlier provider reported can always be read.
    /// </summary>
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<PaymentOptions>(Section);
        services.AddSingleton<IValidateOptions<PaymentOptions>, PaymentOptionsValidation>();
        services.AddScoped<PaymentProviders>();
        services.AddSandbox();
        services.AddStripe(configuration);
        return services;
    }

    /// <summary>Registers <typeparamref name="T"/> as the provider named <paramref name="name"/>, the name stored with its records.</summary>
    public static IServiceCollection AddPaymentProvider<T>(this IServiceCollection services, string name)
        where T : class, IPaymentProvider
    {
        services.TryAddScoped<T>();
        services.AddKeyedScoped<IPaymentProvider>(name, (sp, _) => sp.GetRequiredService<T>());
        services.AddSingleton(new PaymentProviderName(name));
        return services;
    }
}
