using System.Globalization;
using Masthead.Editions;
using Microsoft.Extensions.Localization;

namespace Masthead.Contributions;

/// <summary>How long a magic link works, as a sentence says it in the current language: "2 hours", "2 часа", "ساعتين".</summary>
public static class LinkLifetime
{
    /// <summary>
    /// <paramref name="lifetime"/> in whole days from a day up, else in hours; <paramref name="number"/> writes the count
    /// (a page isolates it in right-to-left text, an email leaves it plain).
    /// </summary>
    public static string Describe(TimeSpan lifetime, IStringLocalizer<ContributionsText> text, Func<int, string>? number = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (count, unit) = lifetime >= TimeSpan.FromDays(1) ? ((int)lifetime.TotalDays, "Days") : ((int)lifetime.TotalHours, "Hours");
        var category = Plurals.Of(CultureInfo.CurrentUICulture.Name, count);
        return text[$"{unit}.{category}", number?.Invoke(count) ?? count.ToString(CultureInfo.CurrentCulture)];
    }
}
