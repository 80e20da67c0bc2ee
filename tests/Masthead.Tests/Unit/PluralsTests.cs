using System.Globalization;
using Masthead.Editions;
using static Masthead.Editions.PluralCategory;

namespace Masthead.Tests.Unit;

public sealed class PluralsTests
{
    /// <summary>
    /// The @integer and @decimal samples of Unicode CLDR common/supplemental/plurals.xml (unicode-org/cldr at
    /// 004469dc), as CLDR writes them. Left out: French and Spanish samples in compact notation (1c6, 1.1c3), which
    /// a decimal cannot carry.
    /// </summary>
    private static readonly (string Languages, PluralCategory Category, string Samples)[] Cldr =
    [
        ("en de", One, "@integer 1"),
        ("en de", Other, "@integer 0, 2~16, 100, 1000, 10000, 100000, 1000000, … @decimal 0.0~1.5, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, …"),

        ("ru uk", One, "@integer 1, 21, 31, 41, 51, 61, 71, 81, 101, 1001, …"),
        ("ru uk", Few, "@integer 2~4, 22~24, 32~34, 42~44, 52~54, 62, 102, 1002, …"),
        ("ru uk", Many, "@integer 0, 5~19, 100, 1000, 10000, 100000, 1000000, …"),
        ("ru uk", Other, "@decimal 0.0~1.5, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, …"),

        ("be", One, "@integer 1, 21, 31, 41, 51, 61, 71, 81, 101, 1001, … @decimal 1.0, 21.0, 31.0, 41.0, 51.0, 61.0, 71.0, 81.0, 101.0, 1001.0, …"),
        ("be", Few, "@integer 2~4, 22~24, 32~34, 42~44, 52~54, 62, 102, 1002, … @decimal 2.0, 3.0, 4.0, 22.0, 23.0, 24.0, 32.0, 33.0, 102.0, 1002.0, …"),
        ("be", Many, "@integer 0, 5~19, 100, 1000, 10000, 100000, 1000000, … @decimal 0.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, …"),
        ("be", Other, "@decimal 0.1~0.9, 1.1~1.7, 10.1, 100.1, 1000.1, …"),

        ("ar", Zero, "@integer 0 @decimal 0.0, 0.00, 0.000, 0.0000"),
        ("ar", One, "@integer 1 @decimal 1.0, 1.00, 1.000, 1.0000"),
        ("ar", Two, "@integer 2 @decimal 2.0, 2.00, 2.000, 2.0000"),
        ("ar", Few, "@integer 3~10, 103~110, 1003, … @decimal 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 103.0, 1003.0, …"),
        ("ar", Many, "@integer 11~26, 111, 1011, … @decimal 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 111.0, 1011.0, …"),
        ("ar", Other, "@integer 100~102, 200~202, 300~302, 400~402, 500~502, 600, 1000, 10000, 100000, 1000000, … @decimal 0.1~0.9, 1.1~1.7, 10.1, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, …"),

        ("fa", One, "@integer 0, 1 @decimal 0.0~1.0, 0.00~0.04"),
        ("fa", Other, "@integer 2~17, 100, 1000, 10000, 100000, 1000000, … @decimal 1.1~2.6, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, …"),

        ("kk ka", One, "@integer 1 @decimal 1.0, 1.00, 1.000, 1.0000"),
        ("kk ka", Other, "@integer 0, 2~16, 100, 1000, 10000, 100000, 1000000, … @decimal 0.0~0.9, 1.1~1.6, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, …"),

        ("fr", One, "@integer 0, 1 @decimal 0.0~1.5"),
        ("fr", Many, "@integer 1000000, …"),
        ("fr", Other, "@integer 2~17, 100, 1000, 10000, 100000, … @decimal 2.0~3.5, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, …"),

        ("es", One, "@integer 1 @decimal 1.0, 1.00, 1.000, 1.0000"),
        ("es", Many, "@integer 1000000, …"),
        ("es", Other, "@integer 0, 2~16, 100, 1000, 10000, 100000, … @decimal 0.0~0.9, 1.1~1.6, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0, …"),
    ];

    public static TheoryData<string, PluralCategory, string> Samples()
    {
        var data = new TheoryData<string, PluralCategory, string>();
        foreach (var (languages, category, samples) in Cldr)
        {
            foreach (var language in languages.Split(' '))
            {
                data.Add(language, category, samples);
            }
        }
        return data;
    }

    public static TheoryData<string> EachLanguage() => [.. Cldr.SelectMany(row => row.Languages.Split(' ')).Distinct()];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Each_CLDR_sample_takes_its_category(string language, PluralCategory category, string samples)
    {
        var numbers = Expand(samples).ToList();

        Assert.NotEmpty(numbers);
        Assert.All(numbers, sample => Assert.Equal(category, Written(language, sample)));
    }

    [Theory]
    [MemberData(nameof(EachLanguage))]
    public void A_language_s_categories_are_the_ones_its_samples_take(string language)
    {
        var taken = Cldr.Where(row => row.Languages.Split(' ').Contains(language))
            .SelectMany(row => Expand(row.Samples))
            .Select(sample => Written(language, sample))
            .Distinct()
            .Order();

        Assert.Equal(taken, Plurals.CategoriesOf(language));
    }

    [Fact]
    public void Russian_counts_1_статья_2_статьи_5_статей_21_статья_111_статей()
    {
        var forms = new Dictionary<PluralCategory, string> { [One] = "статья", [Few] = "статьи", [Many] = "статей", [Other] = "статьи" };

        decimal[] counts = [1m, 2m, 5m, 21m, 111m, 1.5m];

        var counted = counts.Select(n => $"{n.ToString(CultureInfo.InvariantCulture)} {forms[Plurals.Of("ru", n)]}");

        Assert.Equal(["1 статья", "2 статьи", "5 статей", "21 статья", "111 статей", "1.5 статьи"], counted);
    }

    [Theory]
    // Tags and culture names are read by their language subtag.
    [InlineData("ru-RU", "21", One)]
    [InlineData("RU", "22", Few)]
    [InlineData("uk_UA", "11", Many)]
    [InlineData("ar-EG", "0", Zero)]
    [InlineData("ar-Arab-EG", "2", Two)]
    [InlineData("be-BY", "21.0", One)]
    [InlineData("fr-CA", "1.5", One)]
    // Money and other decimals count by the fraction digits they show; a negative count as its absolute value.
    [InlineData("ru", "1.50", Other)]
    [InlineData("ru", "21.0", Other)]
    [InlineData("en", "1.00", Other)]
    [InlineData("es", "1.00", One)]
    [InlineData("kk", "1.00", One)]
    [InlineData("fr", "1000000.00", Other)]
    [InlineData("ru", "-21", One)]
    [InlineData("ar", "-3", Few)]
    public void A_tag_is_read_by_its_language_and_a_number_by_the_digits_it_shows(string language, string number, PluralCategory category) =>
        Assert.Equal(category, Written(language, number));

    [Theory]
    [InlineData("zh-Hant")]
    [InlineData("pt-BR")]
    [InlineData("")]
    public void Languages_without_rules_here_count_as_English(string language)
    {
        Assert.Equal([One, Other], Plurals.CategoriesOf(language));
        Assert.Equal(One, Plurals.Of(language, 1m));
        Assert.Equal(Other, Plurals.Of(language, 1.0m));
        Assert.Equal(Other, Plurals.Of(language, 2m));
    }

    /// <summary>The category of a number written as CLDR and a ledger write it: "1.50" keeps its two fraction digits.</summary>
    private static PluralCategory Written(string language, string number) =>
        Plurals.Of(language, decimal.Parse(number, CultureInfo.InvariantCulture));

    /// <summary>"0, 2~16, 100, … @decimal 0.0~1.5": ranges step by the last digit written, so 0.0~1.5 is 0.0, 0.1 … 1.5.</summary>
    private static IEnumerable<string> Expand(string samples)
    {
        var items = samples.Replace("@integer", ",", StringComparison.Ordinal).Replace("@decimal", ",", StringComparison.Ordinal)
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(item => item != "…");
        foreach (var item in items)
        {
            var range = item.Split('~');
            var from = decimal.Parse(range[0], CultureInfo.InvariantCulture);
            var to = decimal.Parse(range[^1], CultureInfo.InvariantCulture);
            var step = 1m / (decimal)Math.Pow(10, from.Scale);
            for (var n = from; n <= to; n += step)
            {
                yield return n.ToString(CultureInfo.InvariantCulture);
            }
        }
    }
}
