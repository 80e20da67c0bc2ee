using System.ComponentModel.DataAnnotations;

namespace Masthead.Payments;

/// <summary>Which provider takes new contributions. Bound from <c>Masthead:Payments</c>.</summary>
public sealed class PaymentOptions
{
    /// <summary><c>sandbox</c> (the default: a local TEST MODE checkout) or <c>stripe</c>.</summary>
    [AllowedValues("sandbox", "stripe")]
    public string Provider { get; set; } = "sandbox";
}
