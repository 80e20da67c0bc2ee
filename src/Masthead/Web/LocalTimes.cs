using System.Globalization;

namespace Masthead.Web;

/// <summary>A time as an editor types it in a <c>datetime-local</c> field: the newsroom's wall clock, no offset.</summary>
public static class LocalTimes
{
    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"];

    /// <summary>The field's value for <paramref name="at"/> in <paramref name="zone"/>.</summary>
    public static string Write(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString(Formats[0], CultureInfo.InvariantCulture);

    /// <summary>The moment <paramref name="typed"/> names in <paramref name="zone"/>; null when it is not a date and time (2000–2100).</summary>
    public static DateTimeOffset? Read(string typed, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(zone);
        if (!DateTime.TryParseExact(typed.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) || local.Year < 2000 || local.Year > 2100)
        {
            return null;
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
