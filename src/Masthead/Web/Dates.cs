using System.Globalization;
using Masthead.Newsroom;

namespace Masthead.Web;

/// <summary>Dates as a newspaper prints them, in the newsroom's own time zone and the page's language (ICU's month names: "1 декабря 2026").</summary>
public static class Dates
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static string DateAndTime(DateTimeOffset at, NewsroomOptions newsroom)
    {
        var local = TimeZoneInfo.ConvertTime(at, newsroom.Zone);
        var offset = local.Offset == TimeSpan.Zero ? "UTC" : $"UTC{local.Offset.TotalHours:+0.#;-0.#}";
        return local.ToString("d MMMM yyyy, HH:mm", Current) + " " + offset;
    }

    public static string Day(DateTimeOffset at, NewsroomOptions newsroom) =>
        TimeZoneInfo.ConvertTime(at, newsroom.Zone).ToString("d MMM yyyy", Current);

    /// <summary>A month and its year as the page's language writes them alone ("March 2027", "Март 2027 г."), capitalised as the start of a list's line.</summary>
    public static string Month(DateOnly month)
    {
        var culture = Current;
        var name = month.ToString("Y", culture);
        return name.Length == 0 ? name : culture.TextInfo.ToUpper(name[0]) + name[1..];
    }

    /// <summary>The request's culture; British English where none was set (the invariant culture's dates are American).</summary>
    private static CultureInfo Current => CultureInfo.CurrentCulture.Name.Length == 0 ? English : CultureInfo.CurrentCulture;

    public static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", English);
}
