using System.Globalization;
using Masthead.Contributions;

namespace Masthead.Appeals;

/// <summary>
/// Where an appeal's Continue leads: the contribution form, opening on the appeal's frequency and offering its amounts
/// instead of the settings' (an appeal, or a test's version, can try "3 5 10" against "2 5 10 25").
/// </summary>
public static class SupportLink
{
    public const int AmountsLength = 100;

    /// <summary>What may stand between typed amounts: not the comma, which some write for decimals.</summary>
    private static readonly char[] Separators = [' ', ';', '/', '\t'];

    /// <summary>"/support", with <c>frequency=</c> and <c>amounts=</c> (minor units) when the appeal sets them.</summary>
    public static string Href(Frequency? frequency, IReadOnlyList<long>? amounts)
    {
        var query = new List<string>();
        if (frequency is { } opens)
        {
            query.Add("frequency=" + opens.ToString().ToLowerInvariant());
        }

        if (amounts is { Count: > 0 })
        {
            query.Add("amounts=" + string.Join("%2C", amounts.Select(a => a.ToString(CultureInfo.InvariantCulture))));
        }

        return query.Count == 0 ? "/support" : "/support?" + string.Join('&', query);
    }

    /// <summary>
    /// The amounts an editor typed ("3 5 10", in <paramref name="currency"/>) in minor units, or null with the key of
    /// the admin's message: 2 to 6 different amounts, each within the frequency's minimum and the maximum.
    /// </summary>
    public static (IReadOnlyList<long>? Amounts, string? Problem) Read(string? typed, CurrencySettings settings, string currency, Frequency frequency)
    {
        var parts = Parts(typed);
        if (parts.Length is < 2 or > ContributionForm.MostSuggested)
        {
            return (null, "AmountsCount");
        }

        var amounts = new List<long>();
        foreach (var part in parts)
        {
            if (Currencies.Parse(part, currency).MinorUnits is not { } minor)
            {
                return (null, "AmountsUnreadable");
            }

            amounts.Add(minor);
        }

        return ContributionForm.CanSuggest(amounts, settings, frequency) ? (amounts, null) : (null, "AmountsOutOfRange");
    }

    /// <summary>The amounts as stored: blank as null, one space between.</summary>
    public static string? Normalize(string? typed) => string.IsNullOrWhiteSpace(typed) ? null : string.Join(' ', Parts(typed));

    private static string[] Parts(string? typed) => (typed ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries);
}
