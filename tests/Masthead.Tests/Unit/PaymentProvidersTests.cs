using Masthead.Payments;
using Microsoft.Extensions.Options;

namespace Masthead.Tests.Unit;

/// <summary>The configured provider is checked against the registered ones, not against a list written into the options.</summary>
public sealed class PaymentProvidersTests
{
    [Fact]
    public void An_unknown_provider_is_refused_in_one_sentence_naming_every_registered_one()
    {
        var validation = new PaymentOptionsValidation([new("sandbox"), new("stripe"), new("btcpay")]);

        var result = validation.Validate(Options.DefaultName, new PaymentOptions { Provider = "PayPal" });

        Assert.True(result.Failed);
        Assert.Equal(["Masthead:Payments:Provider must be sandbox, stripe or btcpay."], result.Failures);
    }

    [Theory]
    [InlineData("btcpay")]
    [InlineData(" BTCPay ")]
    public void A_registered_provider_is_accepted_in_any_case(string configured)
    {
        var validation = new PaymentOptionsValidation([new("sandbox"), new("btcpay")]);

        Assert.True(validation.Validate(Options.DefaultName, new PaymentOptions { Provider = configured }).Succeeded);
    }
}
