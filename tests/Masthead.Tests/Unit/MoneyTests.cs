using Masthead.Contributions;

namespace Masthead.Tests.Unit;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("2", "USD", 200)]
    [InlineData("2.50", "USD", 250)]
    [InlineData("2,50", "EUR", 250)]
    [InlineData("$ 5", "USD", 500)]
    [InlineData("1,000", "USD", 100000)]
    [InlineData("1 000.5", "USD", 100050)]
    [InlineData("500", "JPY", 500)]
    public void Typed_amounts_become_minor_units(string typed, string currency, long expected) =>
        Assert.Equal(expected, Currencies.Parse(typed, currency).MinorUnits);

    [Theory]
    [InlineData("", "Enter an amount.")]
    [InlineData("abc", "Enter the amount as a number")]
    [InlineData("2.555", "Use at most two decimals.")]
    [InlineData("-5", "more than zero")]
    [InlineData("0", "more than zero")]
    [InlineData("99999999999999999999999", "Enter the amount as a number")]
    [InlineData("1e5", "Enter the amount as a number")]
    public void Amounts_that_cannot_be_money_say_why(string typed, string problem) =>
        Assert.Contains(problem, Currencies.Parse(typed, "USD").Problem);

    [Fact]
    public void Zero_decimal_currencies_refuse_decimals() =>
        Assert.Equal("JPY amounts have no decimals.", Currencies.Parse("5.5", "JPY").Problem);

    [Theory]
    [InlineData(200, "USD", "$2")]
    [InlineData(250, "USD", "$2.50")]
    [InlineData(1000000, "EUR", "€10,000")]
    [InlineData(500, "JPY", "¥500")]
    [InlineData(1500, "CHF", "15 CHF")]
    [InlineData(-550, "USD", "−$5.50")]
    public void Amounts_are_written_as_an_appeal_says_them(long minor, string currency, string expected) =>
        Assert.Equal(expected, new Money(minor, currency).ToString());

    [Theory]
    [InlineData(200, "USD", "2.00")]
    [InlineData(-500, "EUR", "-5.00")]
    [InlineData(1234567, "USD", "12345.67")]
    [InlineData(500, "JPY", "500")]
    public void Amounts_for_spreadsheets_are_plain_numbers_with_the_currency_s_decimals(long minor, string currency, string expected) =>
        Assert.Equal(expected, Currencies.FormatNumber(new Money(minor, currency)));
}
