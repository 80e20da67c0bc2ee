using Masthead.Email;

namespace Masthead.Tests.Unit;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("jane@example.org")]
    [InlineData("jane.doe+meridian@mail.example.co.uk")]
    [InlineData("o'brien@example.ie")]
    [InlineData("  padded@example.org  ")]
    [InlineData("читатель@пример.рф")]
    [InlineData("reader@bücher.example")]
    public void Addresses_people_have_are_accepted(string address) => Assert.True(EmailAddresses.IsValid(address), address);

    [Theory]
    [InlineData("")]
    [InlineData("no-at-sign.example.org")]
    [InlineData("<script>@x")]
    [InlineData("<script>alert(1)</script>@example.org")]
    [InlineData("jane@localhost")]
    [InlineData("jane@example")]
    [InlineData("two@at@example.org")]
    [InlineData("jane doe@example.org")]
    [InlineData("\"quoted\"@example.org")]
    [InlineData("jane@[127.0.0.1]")]
    [InlineData("jane@127.0.0.1")]
    [InlineData("jane@exa_mple.org")]
    [InlineData("jane@-example.org")]
    [InlineData("jane@example..org")]
    [InlineData(".jane@example.org")]
    [InlineData("jane.@example.org")]
    [InlineData("ja..ne@example.org")]
    [InlineData("jane@example.org\r\nBcc: everyone@example.org")]
    [InlineData("jane\u0000@example.org")]
    public void Anything_else_is_refused(string address) => Assert.False(EmailAddresses.IsValid(address), address);

    [Fact]
    public void An_address_longer_than_any_mail_server_takes_is_refused()
    {
        Assert.False(EmailAddresses.IsValid(new string('a', 64) + "@" + new string('b', 186) + ".org"));
        Assert.False(EmailAddresses.IsValid(new string('a', 65) + "@example.org"));
    }
}
