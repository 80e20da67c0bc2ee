namespace Masthead.Web;

/// <summary>
/// The reader's own first-party cookies (snoozed until, supporter pass). Readable by the reader script, which hides
/// the appeal on cached pages; never sent to another site.
/// </summary>
public static class ReaderCookies
{
    public static void Set(HttpResponse response, string name, string value, DateTimeOffset expires) =>
        response.Cookies.Append(name, value, new CookieOptions
        {
            Expires = expires,
            HttpOnly = false,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
            Path = "/",
            IsEssential = true,
        });
}
