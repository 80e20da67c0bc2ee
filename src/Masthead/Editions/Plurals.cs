namespace Masthead.Editions;

public static class Plurals
{
    public static PluralCategory Of(string language, decimal n) => n == 1 ? PluralCategory.One : PluralCategory.Other;

    public static IReadOnlyList<PluralCategory> CategoriesOf(string language) =>
        language.StartsWith("ru", StringComparison.Ordinal) ? [PluralCategory.One, PluralCategory.Few, PluralCategory.Many, PluralCategory.Other]
        : language.StartsWith("ar", StringComparison.Ordinal) ? [PluralCategory.Zero, PluralCategory.One, PluralCategory.Two, PluralCategory.Few, PluralCategory.Many, PluralCategory.Other]
        : [PluralCategory.One, PluralCategory.Other];
}
