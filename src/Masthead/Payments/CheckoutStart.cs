namespace Masthead.Payments;

/// <summary>Where the reader goes to pay, and the provider's name for that payment session.</summary>
public sealed record CheckoutStart(Uri PaymentPage, string ProviderSessionId);
