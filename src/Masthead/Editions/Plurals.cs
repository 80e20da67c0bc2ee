using static Masthead.Editions.PluralCategory;

namespace Masthead.Editions;

/// <summary>
/// Which form of a counted word a number takes: "1 статья", "2 статьи", "5 статей", "1,5 статьи".
/// The rules are CLDR's cardinal rules, written as CLDR states them, from Unicode CLDR
/// common/supplemental/plurals.xml (unicode-org/cldr at 004469dc, the data that gives French and Spanish "many");
/// the operands are those of UTS #35, "Plural Operand Meanings". A language without rules here is counted as English.
/// </summary>
public static class Plurals
{
    private static readonly LanguageRules English = new([One, Other], o => o.I == 1 && o.V == 0 ? One : Other);

    private static readonly LanguageRules EastSlavic = new([One, Few, Many, Other], o =>
        o.V == 0 && o.I % 10 == 1 && o.I % 100 != 11 ? One
        : o.V == 0 && In(o.I % 10, 2, 4) && !In(o.I % 100, 12, 14) ? Few
        : o.V == 0 && (o.I % 10 == 0 || In(o.I % 10, 5, 9) || In(o.I % 100, 11, 14)) ? Many
        : Other);

    // Belarusian reads n, not i and v: "21,0" counts as 21 where Russian makes it a fraction.
    private static readonly LanguageRules Belarusian = new([One, Few, Many, Other], o =>
        o.N % 10 == 1 && o.N % 100 != 11 ? One
        : In(o.N % 10, 2, 4) && !In(o.N % 100, 12, 14) ? Few
        : o.N % 10 == 0 || In(o.N % 10, 5, 9) || In(o.N % 100, 11, 14) ? Many
        : Other);

    private static readonly LanguageRules Arabic = new([Zero, One, Two, Few, Many, Other], o =>
        o.N == 0 ? Zero
        : o.N == 1 ? One
        : o.N == 2 ? Two
        : In(o.N % 100, 3, 10) ? Few
        : In(o.N % 100, 11, 99) ? Many
        : Other);

    private static readonly LanguageRules Persian = new([One, Other], o => o.I == 0 || o.N == 1 ? One : Other);

    private static readonly LanguageRules OneIsOne = new([One, Other], o => o.N == 1 ? One : Other);

    // CLDR's "many" is "e = 0 and i != 0 and i % 1000000 = 0 and v = 0 or e != 0..5": "1 000 000 de lecteurs".
    private static readonly LanguageRules French = new([One, Many, Other], o =>
        o.I is 0 or 1 ? One
        : o.I != 0 && o.I % 1_000_000 == 0 && o.V == 0 ? Many
        : Other);

    private static readonly LanguageRules Spanish = new([One, Many, Other], o =>
        o.N == 1 ? One
        : o.I != 0 && o.I % 1_000_000 == 0 && o.V == 0 ? Many
        : Other);

    private static readonly Dictionary<string, LanguageRules> ByLanguage = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = English, ["de"] = English,
        ["ru"] = EastSlavic, ["uk"] = EastSlavic,
        ["be"] = Belarusian,
        ["ar"] = Arabic,
        ["fa"] = Persian,
        ["kk"] = OneIsOne, ["ka"] = OneIsOne,
        ["fr"] = French,
        ["es"] = Spanish,
    };

    /// <summary>
    /// The category of <paramref name="n"/> as written in <paramref name="language"/> (a BCP 47 tag or culture name,
    /// "ru", "ru-RU", "ar_EG", of which only the language is read). The decimal's scale counts: 1.50m shows two
    /// fraction digits and takes Russian "other" ("1,50 статьи") where 1m takes "one".
    /// </summary>
    public static PluralCategory Of(string language, decimal n) => RulesOf(language).Category(new Operands(n));

    /// <summary>The categories the language's words take, in <see cref="PluralCategory"/> order.</summary>
    public static IReadOnlyList<PluralCategory> CategoriesOf(string language) => RulesOf(language).Categories;

    private static LanguageRules RulesOf(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return ByLanguage.GetValueOrDefault(language.Split('-', '_')[0], English);
    }

    // CLDR's "x = a..b" holds only for a whole x, so 2.5 % 10 is not in 2..4.
    private static bool In(decimal x, int from, int to) => x == decimal.Truncate(x) && x >= from && x <= to;

    private sealed record LanguageRules(IReadOnlyList<PluralCategory> Categories, Func<Operands, PluralCategory> Category);

    /// <summary>
    /// UTS #35 operands: n the absolute value, i its integer digits, v how many fraction digits it shows. These
    /// languages' rules read no others; e, the compact exponent, is 0 for a plain number, so "e = 0" always holds.
    /// </summary>
    private readonly struct Operands(decimal number)
    {
        public decimal N { get; } = Math.Abs(number);

        public decimal I => decimal.Truncate(N);

        public int V => N.Scale;
    }
}
