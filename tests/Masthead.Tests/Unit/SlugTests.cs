using Masthead.Articles;

namespace Masthead.Tests.Unit;

public sealed class SlugTests
{
    [Theory]
    [InlineData("Council votes on the budget", "council-votes-on-the-budget")]
    [InlineData("В Казани закрывается книжный магазин «Переплёт»", "v-kazani-zakryvaetsia-knizhnyi-magazin-pereplet")]
    [InlineData("Щука, ёж и объявление", "shchuka-ezh-i-obiavlenie")]
    [InlineData("Київ і Мінськ: ґанок", "kiiv-i-minsk-ganok")]
    [InlineData("  Café — crème brûlée!  ", "cafe-creme-brulee")]
    [InlineData("2026: the year in 10 charts", "2026-the-year-in-10-charts")]
    public void Headlines_become_readable_latin_slugs(string headline, string expected) =>
        Assert.Equal(expected, Slugs.From(headline));

    [Theory]
    [InlineData("")]
    [InlineData("!!! ??? …")]
    [InlineData("日本語")]
    public void Text_without_latin_or_cyrillic_letters_gives_no_slug(string text) => Assert.Equal("", Slugs.From(text));

    [Fact]
    public void Very_long_headlines_are_cut_to_the_slug_limit_without_a_trailing_hyphen()
    {
        var slug = Slugs.From(string.Join(' ', Enumerable.Repeat("word", 60)));
        Assert.True(slug.Length <= ArticleLimits.Slug);
        Assert.False(slug.EndsWith('-'));
        Assert.True(Slugs.IsValid(slug));
    }

    [Theory]
    [InlineData("fine-slug-2", true)]
    [InlineData("Upper-Case", false)]
    [InlineData("double--hyphen", false)]
    [InlineData("-leading", false)]
    [InlineData("trailing-", false)]
    [InlineData("with space", false)]
    [InlineData("../etc/passwd", false)]
    [InlineData("кириллица", false)]
    [InlineData("", false)]
    public void Only_lower_case_latin_digits_and_single_hyphens_are_valid(string slug, bool valid) =>
        Assert.Equal(valid, Slugs.IsValid(slug));
}
