using Microsoft.Extensions.Options;

namespace Masthead.Payments;

/// <summary>
/// Finds a payment provider by name: the configured one for a new checkout, the stored one for anything that came
/// through a provider earlier (a checkout, a subscription, an event), which may not be the configured one any more.
/// </summary>
public sealed class PaymentProviders(IServiceProvider services, IOptions<PaymentOptions> options, IEnumerable<PaymentProviderName> registered)
{
    /// <summary>Every registered provider's name, in registration order.</summary>
    public IReadOnlyList<string> Names { get; } = [.. registered.Select(p => p.Name)];

    /// <summary>The provider that takes new contributions (<c>Masthead:Payments:Provider</c>, checked at start).</summary>
    public IPaymentProvider Configured => For(options.Value.Provider);

    /// <summary>The provider registered as <paramref name="name"/>, as stored with a record.</summary>
    /// <exception cref="InvalidOperationException">No provider is registered under that name (a record from a provider since removed).</exception>
    public IPaymentProvider For(string name) =>
        services.GetKeyedService<IPaymentProvider>(name) ?? throw new InvalidOperationException($"No payment provider is registered as \"{name}\".");

    /// <summary>Whether the provider registered as <paramref name="name"/> offers <paramref name="capability"/>; false for an unknown name.</summary>
    public bool Offers(string name, PaymentCapabilities capability) =>
        services.GetKeyedService<IPaymentProvider>(name) is { } provider && provider.Capabilities.HasFlag(capability);
}
