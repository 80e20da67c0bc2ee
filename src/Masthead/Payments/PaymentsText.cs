namespace Masthead.Payments;

/// <summary>The fixed words of the sandbox's TEST MODE payment page, in PaymentsText.resx and its translations.</summary>
public sealed class PaymentsText;
