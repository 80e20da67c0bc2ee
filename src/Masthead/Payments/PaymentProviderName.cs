namespace Masthead.Payments;

/// <summary>A provider's registered name; one per <see cref="PaymentsSetup.AddPaymentProvider{T}"/>, so the names can be listed.</summary>
public sealed record PaymentProviderName(string Name);
