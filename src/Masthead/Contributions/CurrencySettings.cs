namespace Masthead.Contributions;

/// <summary>One currency's amounts, all in minor units (cents).</summary>
public sealed class CurrencySettings
{
    public long[] MonthlySuggested { get; set; } = [200, 500, 1000, 2500];

    public long MonthlyDefault { get; set; } = 500;

    public long MonthlyMinimum { get; set; } = 200;

    public long[] AnnualSuggested { get; set; } = [2500, 5000, 10000, 25000];

    public long AnnualDefault { get; set; } = 5000;

    public long AnnualMinimum { get; set; } = 2000;

    public long[] OneTimeSuggested { get; set; } = [100, 500, 1000, 5000];

    public long OneTimeDefault { get; set; } = 1000;

    public long OneTimeMinimum { get; set; } = 100;

    /// <summary>Above this a contribution is taken for a typo (an extra zero or two) and refused with a message.</summary>
    public long Maximum { get; set; } = 1_000_000;

    /// <summary>What is wrong with these amounts, each as "&lt;setting&gt; must ..." for the caller to prefix with the currency's key.</summary>
    internal IEnumerable<string> Problems()
    {
        foreach (var frequency in Enum.GetValues<Frequency>())
        {
            var (minimum, @default) = (Minimum(frequency), Default(frequency));
            if (minimum <= 0)
            {
                yield return $"{frequency}Minimum must be more than zero (it is in minor units: 200 is 2.00); it is {minimum}.";
            }
            else if (@default < minimum || @default > Maximum)
            {
                yield return $"{frequency}Default ({@default}) must be between {frequency}Minimum ({minimum}) and Maximum ({Maximum}).";
            }
            else if (Suggested(frequency).FirstOrDefault(s => s < minimum || s > Maximum) is var bad and not 0)
            {
                yield return $"{frequency}Suggested holds {bad}, outside {frequency}Minimum ({minimum}) to Maximum ({Maximum}).";
            }
        }
    }

    public long[] Suggested(Frequency frequency) => frequency switch
    {
        Frequency.Monthly => MonthlySuggested,
        Frequency.Annual => AnnualSuggested,
        _ => OneTimeSuggested,
    };

    public long Default(Frequency frequency) => frequency switch
    {
        Frequency.Monthly => MonthlyDefault,
        Frequency.Annual => AnnualDefault,
        _ => OneTimeDefault,
    };

    public long Minimum(Frequency frequency) => frequency switch
    {
        Frequency.Monthly => MonthlyMinimum,
        Frequency.Annual => AnnualMinimum,
        _ => OneTimeMinimum,
    };
}
