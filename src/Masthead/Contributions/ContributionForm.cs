using System.ComponentModel.DataAnnotations;
using Masthead.Email;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Masthead.Contributions;

/// <summary>What a reader fills in on the contribution page. Amounts stay text so a typo comes back with a message.</summary>
public sealed class ContributionForm
{
    public const string Other = "other";

    public string Frequency { get; set; } = nameof(Contributions.Frequency.Monthly);

    public string Currency { get; set; } = "";

    /// <summary>The appeal the reader came from (<see cref="Appeals.CampaignCode"/>), kept only until the payment is confirmed; anything else is dropped.</summary>
    public string? Campaign { get; set; }

    /// <summary>A suggested amount in minor units, or <see cref="Other"/>.</summary>
    public string? Amount { get; set; }

    /// <summary>
    /// The amounts an appeal's test version suggests instead of the settings' (<c>300,500,1000</c>, minor units), as the
    /// page's <c>amounts=</c> carried them; used only when every one is within the frequency's minimum and maximum.
    /// </summary>
    public string? Suggested { get; set; }

    public const int MostSuggested = 6;

    /// <summary>The one rule for amounts suggested instead of the settings': 2 to 6 different ones, each within the frequency's minimum and the maximum.</summary>
    public static bool CanSuggest(IReadOnlyCollection<long> amounts, CurrencySettings settings, Frequency frequency)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        ArgumentNullException.ThrowIfNull(settings);
        return amounts.Count is >= 2 and <= MostSuggested && amounts.Distinct().Count() == amounts.Count
            && amounts.All(a => a >= settings.Minimum(frequency) && a <= settings.Maximum);
    }

    /// <summary>The amounts in <paramref name="suggested"/> (minor units, comma-separated) when they may be suggested; null for the settings' own.</summary>
    public static IReadOnlyList<long>? SuggestedIn(string? suggested, CurrencySettings settings, Frequency frequency)
    {
        var amounts = new List<long>();
        foreach (var part in (suggested ?? "").Split(','))
        {
            if (!long.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minor))
            {
                return null;
            }

            amounts.Add(minor);
        }

        return CanSuggest(amounts, settings, frequency) ? amounts : null;
    }

    /// <summary>The amounts to offer: <see cref="Suggested"/>'s when they may be suggested, else the settings'.</summary>
    public static IReadOnlyList<long> Offered(string? suggested, CurrencySettings settings, Frequency frequency) =>
        SuggestedIn(suggested, settings, frequency) ?? settings.Suggested(frequency);

    [Display(Name = "Other amount")]
    public string? OtherAmount { get; set; }

    [Required(ErrorMessage = "Enter your email address for the receipt.")]
    [EmailAddressRule(ErrorMessage = "That does not look like an email address.")]
    [StringLength(254, ErrorMessage = "That is longer than any email address.")]
    public string Email { get; set; } = "";

    [StringLength(100, ErrorMessage = "Keep the name under {1} characters.")]
    public string? Name { get; set; }

    public bool Anonymous { get; set; } = true;

    /// <summary>Reads the frequency, currency and amount against the settings; problems go beside their fields, in the page's language.</summary>
    public (Frequency Frequency, Money Amount)? Read(ContributionOptions options, ModelStateDictionary errors, IStringLocalizer<ContributionsText> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Enum.TryParse<Frequency>(Frequency, ignoreCase: true, out var frequency) || !Enum.IsDefined(frequency))
        {
            errors.AddModelError("Form.Frequency", text["Choose monthly, annual or one-time."]);
            return null;
        }

        if (!options.Currencies.TryGetValue(Currency ?? "", out var settings))
        {
            errors.AddModelError("Form.Currency", text["We accept {0}.", string.Join(", ", options.Currencies.Keys)]);
            return null;
        }

        long minor;
        if (Amount is null or Other)
        {
            var (parsed, problem) = Currencies.Parse(OtherAmount, Currency!, text);
            if (parsed is null)
            {
                errors.AddModelError("Form.OtherAmount", problem!);
                return null;
            }

            minor = parsed.Value;
        }
        else if (!long.TryParse(Amount, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out minor)
            || !Offered(Suggested, settings, frequency).Contains(minor))
        {
            errors.AddModelError("Form.Amount", text["Choose one of the amounts, or type another."]);
            return null;
        }

        var money = new Money(minor, Currency!);
        var minimum = new Money(settings.Minimum(frequency), Currency!);
        if (minor < minimum.MinorUnits)
        {
            errors.AddModelError("Form.OtherAmount", text[$"The smallest {Describe(frequency)} contribution is {{0}}.", minimum]);
            return null;
        }

        if (minor > settings.Maximum)
        {
            errors.AddModelError("Form.OtherAmount", text["We can accept at most {0} at once. Please check the amount.", new Money(settings.Maximum, Currency!)]);
            return null;
        }

        return (frequency, money);
    }

    /// <summary>"monthly", "annual", "one-time": the admin's words, and the English text of the messages keyed by them.</summary>
    public static string Describe(Frequency frequency) => frequency switch
    {
        Contributions.Frequency.Monthly => "monthly",
        Contributions.Frequency.Annual => "annual",
        _ => "one-time",
    };

    /// <summary>" a month", " a year" or nothing, after an amount in the admin (which is in English).</summary>
    public static string Per(Frequency frequency) => frequency switch
    {
        Contributions.Frequency.Monthly => " a month",
        Contributions.Frequency.Annual => " a year",
        _ => "",
    };

    /// <summary><paramref name="amount"/> with how often it is given, in the page's language: "$2 a month", "2 € в месяц".</summary>
    public static string Per(IStringLocalizer<ContributionsText> text, Frequency frequency, object amount)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text[$"Per{frequency}", amount];
    }
}
