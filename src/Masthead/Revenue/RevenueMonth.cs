using System.Globalization;

namespace Masthead.Revenue;

/// <summary>A calendar month in the newsroom's time zone: the unit every revenue figure is counted in.</summary>
public readonly record struct RevenueMonth(int Year, int Number) : IComparable<RevenueMonth>
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Months since year 0: what makes "twelve months later" plain arithmetic.</summary>
    private int Index => (Year * 12) + Number - 1;

    /// <summary>The month <paramref name="at"/> falls in, on the wall clock of <paramref name="zone"/>.</summary>
    public static RevenueMonth Of(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return new(local.Year, local.Month);
    }

    /// <summary>The <paramref name="count"/> months up to and including the one <paramref name="now"/> is in, oldest first.</summary>
    public static IReadOnlyList<RevenueMonth> Ending(DateTimeOffset now, TimeZoneInfo zone, int count)
    {
        var last = Of(now, zone);
        return [.. Enumerable.Range(0, count).Select(i => last.Plus(i - count + 1))];
    }

    public RevenueMonth Plus(int months)
    {
        var index = Index + months;
        return new(index / 12, (index % 12) + 1);
    }

    /// <summary>How many months <paramref name="other"/> is after this one (negative when before).</summary>
    public int MonthsUntil(RevenueMonth other) => other.Index - Index;

    /// <summary>The instant the month begins: local midnight on its first day, which daylight saving may not have (then the first valid moment).</summary>
    public DateTimeOffset Start(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var midnight = new DateTime(Year, Number, 1, 0, 0, 0, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddMinutes(30);
        }

        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    public int CompareTo(RevenueMonth other) => Index.CompareTo(other.Index);

    /// <summary>"2026-12", as a spreadsheet sorts it.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-{Number:00}");

    /// <summary>"Dec 2026" or "дек. 2026", in the page's language (British English where none was set).</summary>
    public string Label() => Format("MMM yyyy");

    /// <summary>"Dec 26": the chart's axis, where space is short.</summary>
    public string ShortLabel() => Format("MMM yy");

    private string Format(string pattern) =>
        new DateTime(Year, Number, 1, 0, 0, 0, DateTimeKind.Unspecified).ToString(pattern, CultureInfo.CurrentCulture.Name.Length == 0 ? English : CultureInfo.CurrentCulture);

    public static bool operator <(RevenueMonth left, RevenueMonth right) => left.CompareTo(right) < 0;

    public static bool operator >(RevenueMonth left, RevenueMonth right) => left.CompareTo(right) > 0;

    public static bool operator <=(RevenueMonth left, RevenueMonth right) => left.CompareTo(right) <= 0;

    public static bool operator >=(RevenueMonth left, RevenueMonth right) => left.CompareTo(right) >= 0;
}
