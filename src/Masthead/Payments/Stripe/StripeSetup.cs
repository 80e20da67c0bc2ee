using Masthead.Settings;
using Microsoft.Extensions.Options;
using Sdk = Stripe;

namespace Masthead.Payments.Stripe;

public static class StripeSetup
{
    /// <summary>
    /// Registers the Stripe provider and its settings (the inbox's job applies the events its webhook stores). The provider is
    /// registered whichever provider takes new contributions, so events Stripe reported earlier can always be read.
    /// </summary>
    public static IServiceCollection AddStripe(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<StripeOptions>(StripeOptions.Section);
        services.AddSingleton<IValidateOptions<StripeOptions>, StripeOptionsValidation>();
        services.AddSingleton(sp => new Lazy<Sdk.StripeClient>(() => StripeProvider.Client(sp.GetRequiredService<IOptions<StripeOptions>>().Value)));
        services.AddPaymentProvider<StripeProvider>(StripeProvider.ProviderName);
        return services;
    }

    public static IEndpointRouteBuilder MapStripe(this IEndpointRouteBuilder app)
    {
        // No antiforgery: Stripe's servers post here, and the signature is what proves the call genuine.
        app.MapPost(StripeWebhook.Path, StripeWebhook.ReceiveAsync).DisableAntiforgery();
        return app;
    }
}
