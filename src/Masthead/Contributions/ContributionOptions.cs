using System.ComponentModel.DataAnnotations;

namespace Masthead.Contributions;

/// <summary>What readers can give: currencies, suggested amounts and minimums. Bound from <c>Masthead:Contributions</c>.</summary>
public sealed class ContributionOptions : IValidatableObject
{
    public const string Section = "Masthead:Contributions";

    /// <summary>The currency the appeal and the contribution page start with.</summary>
    [Required]
    public string DefaultCurrency { get; set; } = "USD";

    /// <summary>The accepted currencies by ISO 4217 code. Empty means the demo settings (USD and EUR).</summary>
    public Dictionary<string, CurrencySettings> Currencies { get; set; } = [];

    public CurrencySettings For(string currency) => Currencies[currency];

    public Money Minimum(string currency, Frequency frequency) => new(For(currency).Minimum(frequency), currency);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (code, settings) in Currencies)
        {
            if (!Contributions.Currencies.IsKnown(code))
            {
                yield return new($"{Section}:Currencies:{code} is not an ISO 4217 currency code in use (such as USD, EUR or GBP, in capitals).");
                continue;
            }

            foreach (var problem in settings.Problems())
            {
                yield return new($"{Section}:Currencies:{code}:{problem}");
            }
        }

        if (!Currencies.ContainsKey(DefaultCurrency))
        {
            yield return new($"{Section}:DefaultCurrency \"{DefaultCurrency}\" must be one of the configured currencies ({string.Join(", ", Currencies.Keys)}).");
        }
    }

    /// <summary>The demo newsroom's settings: from $2 a month, suggested 2, 5, 10, 25 a month and 1, 5, 10, 50 once.</summary>
    public static Dictionary<string, CurrencySettings> DemoCurrencies() => new()
    {
        ["USD"] = new(),
        ["EUR"] = new(),
    };
}

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
