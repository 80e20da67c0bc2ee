namespace Masthead.Payments.Stripe;

/// <summary>
/// The Stripe account Masthead takes contributions through. Bound from <c>Masthead:Stripe</c>; checked at start only when
/// Stripe is in use (<c>Masthead:Payments:Provider</c> is <c>stripe</c>, or a <see cref="SecretKey"/> is set).
/// </summary>
public sealed class StripeOptions
{
    public const string Section = "Masthead:Stripe";

    /// <summary>The API secret key, <c>sk_live_...</c> or <c>sk_test_...</c> (a restricted <c>rk_...</c> key works too).</summary>
    public string? SecretKey { get; set; }

    /// <summary>The webhook endpoint's signing secret, <c>whsec_...</c>, shown where the endpoint is added in Stripe's dashboard.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Another address for Stripe's API, e.g. a local test server. Empty: Stripe's own, https://api.stripe.com.</summary>
    public string? ApiBase { get; set; }

    /// <summary>How far a webhook's signed timestamp may be from now before the call is refused as a replay. Stripe's default: 5 minutes.</summary>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>True when Stripe is the active provider or has been given a key: then every setting must be right.</summary>
    public bool InUse(PaymentOptions payments) =>
        payments.Provider == StripeProvider.ProviderName || !string.IsNullOrWhiteSpace(SecretKey);
}
