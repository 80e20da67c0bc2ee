using System.ComponentModel.DataAnnotations;
using Masthead.Editions;

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

    /// <summary>The currency <paramref name="edition"/>'s readers start with: its own when this site takes it, else <see cref="DefaultCurrency"/>.</summary>
    public string CurrencyOf(Edition edition) =>
        edition?.Currency is { } own && Currencies.ContainsKey(own) ? own : DefaultCurrency;

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
