using Masthead.Web;

namespace Masthead.Tests.Unit;

public sealed class TypedTextTests
{
    [Theory]
    [InlineData("short", 10, "short")]
    [InlineData("exactly10!", 10, "exactly10!")]
    [InlineData("abcdef", 3, "abc")]
    [InlineData("ab\U0001F389cd", 3, "ab")]
    [InlineData("ab\U0001F389cd", 4, "ab\U0001F389")]
    public void Cutting_text_never_leaves_half_an_emoji(string text, int length, string expected)
    {
        var cut = TypedText.Cut(text, length);

        Assert.Equal(expected, cut);
        Assert.Equal(cut, TypedText.Clean(cut));
    }
}
