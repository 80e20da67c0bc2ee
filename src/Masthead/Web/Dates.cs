using Masthead.Newsroom;

namespace Masthead.Web;

/// <summary>Dates as a newspaper prints them, in the newsroom's own time zone.</summary>
public static class Dates
{
    private static readonly System.Globalization.CultureInfo English = System.Globalization.CultureInfo.GetCultureInfo("en-GB");

    public static string DateAndTime(DateTimeOffset at, NewsroomOptions newsroom)
    {
        var local = TimeZoneInfo.ConvertTime(at, newsroom.Zone);
        var offset = local.Offset == TimeSpan.Zero ? "UTC" : $"UTC{local.Offset.TotalHours:+0.#;-0.#}";
        return local.ToString("d MMMM yyyy, HH:mm", English) + " " + offset;
    }

    public static string Day(DateTimeOffset at, NewsroomOptions newsroom) =>
        TimeZoneInfo.ConvertTime(at, newsroom.Zone).ToString("d MMM yyyy", English);

    public static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", English);
}
