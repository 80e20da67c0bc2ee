using System.Globalization;

namespace Masthead.Revenue;

/// <summary>The months an appeals report covers: the last <see cref="Count"/>, the current one included, in the newsroom's time zone.</summary>
public sealed record RevenuePeriod(IReadOnlyList<RevenueMonth> Months, DateTimeOffset From, DateTimeOffset To)
{
    public const string QueryName = "months";

    public const int DefaultMonths = 12;

    /// <summary>The lengths offered: a few round ones, so every link and CSV names a period anyone can repeat.</summary>
    public static readonly IReadOnlyList<int> Choices = [1, 3, 6, 12, 24];

    public int Count => Months.Count;

    /// <summary>
    /// The period <paramref name="text"/> names (one of <see cref="Choices"/>, as digits), the default when it is
    /// absent, or null for anything else, which the page answers with 400 and the choices.
    /// </summary>
    public static RevenuePeriod? Parse(string? text, DateTimeOffset now, TimeZoneInfo zone)
    {
        var count = DefaultMonths;
        if (!string.IsNullOrEmpty(text) && !(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count) && Choices.Contains(count)))
        {
            return null;
        }

        var months = RevenueMonth.Ending(now, zone, count);
        return new(months, months[0].Start(zone), now);
    }
}
