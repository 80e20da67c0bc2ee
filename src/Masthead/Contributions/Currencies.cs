using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Masthead.Contributions;

/// <summary>What Masthead knows about ISO 4217 currencies: how many decimals they have and how they are written.</summary>
public static class Currencies
{
    // Currencies with no minor unit: an amount of 500 JPY is 500, not 5.00.
    private static readonly HashSet<string> ZeroDecimal = ["BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"];

    private static readonly Dictionary<string, string> Symbols = new()
    {
        ["USD"] = "$", ["EUR"] = "€", ["GBP"] = "£", ["JPY"] = "¥", ["ILS"] = "₪", ["UAH"] = "₴",
    };

    public static int Decimals(string currency) => ZeroDecimal.Contains(currency) ? 0 : 2;

    public static long Factor(string currency) => Decimals(currency) == 0 ? 1 : 100;

    public static bool IsCode(string? text) => text is { Length: 3 } && text.All(char.IsAsciiLetterUpper);

    // The currencies of every region the runtime knows (ICU's data): what a newsroom can really be paid in.
    private static readonly Lazy<HashSet<string>> InUse = new(() =>
        [.. CultureInfo.GetCultures(CultureTypes.SpecificCultures).Select(TryRegionCurrency).OfType<string>()]);

    /// <summary>Whether <paramref name="code"/> is the ISO 4217 code of a currency in use somewhere, such as USD or EUR (not just three letters).</summary>
    public static bool IsKnown(string? code) => IsCode(code) && (InUse.Value.Contains(code!) || ZeroDecimal.Contains(code!));

    private static string? TryRegionCurrency(CultureInfo culture)
    {
        try
        {
            return new RegionInfo(culture.Name).ISOCurrencySymbol;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>"$2", "$2.50", "€10", "500 JPY" — whole amounts without decimals, as an appeal says them.</summary>
    public static string Format(Money money)
    {
        // A refund: the sign goes before the symbol, "−$5", not "$-5".
        if (money.MinorUnits < 0)
        {
            return "−" + Format(money with { MinorUnits = -money.MinorUnits });
        }

        var factor = Factor(money.Currency);
        var whole = money.MinorUnits % factor == 0;
        var symbol = Symbols.GetValueOrDefault(money.Currency);
        var culture = CultureInfo.CurrentCulture;
        if (culture.Name.Length > 0)
        {
            // The page's language places the symbol and separates the digits ("$2", "2 €", "2,50 €"); the currency is the reader's.
            var format = (NumberFormatInfo)culture.NumberFormat.Clone();
            format.CurrencySymbol = symbol ?? money.Currency;
            format.CurrencyDecimalDigits = whole ? 0 : Decimals(money.Currency);
            return (money.MinorUnits / (decimal)factor).ToString("C", format);
        }

        var number = whole
            ? (money.MinorUnits / factor).ToString("#,0", CultureInfo.InvariantCulture)
            : (money.MinorUnits / (decimal)factor).ToString("#,0.00", CultureInfo.InvariantCulture);
        return symbol is not null ? symbol + number : $"{number} {money.Currency}";
    }

    /// <summary>The amount as typed in a form field: "2", "2.50".</summary>
    public static string FormatPlain(Money money) =>
        (money.MinorUnits / (decimal)Factor(money.Currency)).ToString(money.MinorUnits % Factor(money.Currency) == 0 ? "0" : "0.00", CultureInfo.InvariantCulture);

    /// <summary>The amount as a spreadsheet reads it: always the currency's decimals, no symbol or grouping. "2.00", "-5.00", "500".</summary>
    public static string FormatNumber(Money money) =>
        (money.MinorUnits / (decimal)Factor(money.Currency)).ToString(Decimals(money.Currency) == 0 ? "0" : "0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads an amount a person typed ("2", "2.50", "2,50", "$ 5") into minor units; null with a reason when it cannot be
    /// an amount of this currency (letters, more decimals than the currency has, negative, or too many digits). The
    /// reason is in <paramref name="words"/>' language (ContributionsText, keyed by the English), else in English.
    /// </summary>
    public static (long? MinorUnits, string? Problem) Parse(string? text, string currency, IStringLocalizer? words = null)
    {
        string Say(string english, params object[] arguments) =>
            words is null ? string.Format(CultureInfo.InvariantCulture, english, arguments) : words[english, arguments];

        var cleaned = (text ?? "").Trim().TrimStart('$', '€', '£', '¥').Trim().Replace('\u00A0', ' ').Replace(" ", "", StringComparison.Ordinal);
        if (cleaned.Length == 0)
        {
            return (null, Say("Enter an amount."));
        }

        // A comma before the last one or two digits is a decimal comma (2,50); elsewhere it groups thousands (1,000).
        var comma = cleaned.LastIndexOf(',');
        if (comma >= 0 && !cleaned.Contains('.', StringComparison.Ordinal) && cleaned.Length - comma - 1 is 1 or 2)
        {
            cleaned = cleaned[..comma].Replace(",", "", StringComparison.Ordinal) + "." + cleaned[(comma + 1)..];
        }
        else
        {
            cleaned = cleaned.Replace(",", "", StringComparison.Ordinal);
        }

        if (cleaned.Length > 15 || !decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return (null, Say("Enter the amount as a number, like 5 or 7.50."));
        }

        if (value <= 0)
        {
            return (null, Say("The amount must be more than zero."));
        }

        var minor = value * Factor(currency);
        if (minor != decimal.Truncate(minor))
        {
            return (null, Decimals(currency) == 0 ? Say("{0} amounts have no decimals.", currency) : Say("Use at most two decimals."));
        }

        return ((long)minor, null);
    }
}
