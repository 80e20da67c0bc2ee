namespace Masthead.Payments;

/// <summary>
/// The provider refused a call or could not be reached. Nothing was charged or changed; the reader can try again.
/// Providers wrap their own SDK's failures in this so pages answer with a plain message, never a 500.
/// </summary>
public sealed class PaymentProviderException(string message, Exception? innerException = null) : Exception(message, innerException);
