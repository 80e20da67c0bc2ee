using System.ComponentModel.DataAnnotations;

namespace Masthead.Payments;

/// <summary>Which provider takes new contributions. Bound from <c>Masthead:Payments</c>.</summary>
public sealed class PaymentOptions
{
    /// <summary><c>sandbox</c> (the default: a local TEST MODE checkout) or <c>stripe</c>, in any case.</summary>
    [AllowedValues("sandbox", "stripe", ErrorMessage = "{0} must be sandbox or stripe.")]
    public string Provider { get; set => field = value.Trim().ToLowerInvariant(); } = "sandbox";
}
