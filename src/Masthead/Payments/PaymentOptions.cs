namespace Masthead.Payments;

/// <summary>Which provider takes new contributions. Bound from <c>Masthead:Payments</c>.</summary>
public sealed class PaymentOptions
{
    /// <summary>
    /// <c>sandbox</c> (the default: a local TEST MODE checkout) or <c>stripe</c>, in any case; refused at start unless it
    /// names a registered provider.
    /// </summary>
    public string Provider { get; set => field = value.Trim().ToLowerInvariant(); } = "sandbox";
}
