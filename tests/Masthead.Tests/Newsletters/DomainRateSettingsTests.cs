using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Newsletters;

public sealed class DomainRateSettingsTests
{
    [Theory]
    [InlineData("Masthead:Newsletters:DomainRates:PerMinute", "-5", "The field Masthead:Newsletters:DomainRates:PerMinute must be between 1 and 1000000.")]
    [InlineData("Masthead:Newsletters:DomainRates:Domains:gmail.com", "0", "Masthead:Newsletters:DomainRates:Domains:gmail.com must be a number of messages a minute from 1 to 1000000, not 0.")]
    [InlineData("Masthead:Newsletters:DomainRates:Domains:jane@gmail.com", "100", "Masthead:Newsletters:DomainRates:Domains:jane@gmail.com is not a domain name: write the part after the @, such as gmail.com.")]
    [InlineData("Masthead:Newsletters:ClaimTimeout", "00:00:01", "The field Masthead:Newsletters:ClaimTimeout must be between 00:00:05 and 1.00:00:00.")]
    public async Task A_bad_sending_rate_or_claim_timeout_is_refused_at_start(string setting, string value, string message)
    {
        await using var factory = new SqliteFactory { Settings = { [setting] = value } };

        Assert.Contains(message, StartChecks.Refusal(factory));
    }
}
