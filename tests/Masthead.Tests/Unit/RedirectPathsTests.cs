using Masthead.Redirects;

namespace Masthead.Tests.Unit;

public sealed class RedirectPathsTests
{
    [Theory]
    [InlineData("/2024/05/17/Budget-Vote/", "/2024/05/17/budget-vote")]
    [InlineData("https://old.example.org/tag/Money/?utm_source=x", "/tag/money")]
    [InlineData("/?p=42&utm_source=x", "/?p=42")]
    [InlineData("/?page_id=7", "/?page_id=7")]
    [InlineData("/?p=abc", "/")]
    [InlineData("/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8//", "/новости")]
    [InlineData("/", "/")]
    public void Old_addresses_are_kept_in_one_form(string address, string normalized) =>
        Assert.Equal(normalized, RedirectPaths.Normalize(address));

    [Theory]
    [InlineData("")]
    [InlineData("relative/path")]
    [InlineData("//elsewhere.example/x")]
    [InlineData("ftp://old.example.org/x")]
    [InlineData("/cover.png%00.exe")]
    [InlineData("/a%0Ab")]
    public void What_is_no_address_on_a_site_has_no_form(string address) => Assert.Null(RedirectPaths.Normalize(address));
}
