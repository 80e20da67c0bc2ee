using Masthead.Contributions;

namespace Masthead.Appeals;

/// <summary>
/// Whether this browser asked not to see the appeal: snoozed, or a supporter. Read from first-party cookies, the same
/// ones the reader script reads, so pages agree with JavaScript on or off.
/// </summary>
public static class AppealVisibility
{
    public const string SnoozeCookie = "mh_snooze";

    public static bool IsHiddenFor(HttpRequest request, DateTimeOffset now, SupporterPass pass) =>
        SnoozedUntil(request) > now || pass.IsValid(request.Cookies[SupporterPass.CookieName]);

    public static DateTimeOffset? SnoozedUntil(HttpRequest request) =>
        long.TryParse(request.Cookies[SnoozeCookie], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
        && seconds < 253_402_300_799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    public static void Snooze(HttpResponse response, DateTimeOffset until) =>
        Web.ReaderCookies.Set(response, SnoozeCookie, until.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), until);
}
