namespace Masthead.Web;

/// <summary>
/// Headers every response carries: nothing may load from another host, no page may be framed, no address leaks to
/// the sites a reader follows a link to, and over HTTPS the browser is told to keep to HTTPS.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    // Everything but script-src, which depends on whether the page is one shared by every reader or made for one person.
    private const string Policy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; object-src 'none'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// For public pages, kept and served byte for byte to every reader: a nonce in them would be the same for all and
    /// so protect nothing. They carry no inline script at all, and the only scripts this origin serves are its own
    /// static files (uploads are images, served with their image type and nosniff, which a browser will not run).
    /// </summary>
    public const string SharedPagePolicy = Policy + "; script-src 'self'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = SharedPagePolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (context.Request.IsHttps)
        {
            // Once a reader has reached the site over HTTPS, their browser never falls back to plain HTTP, where a
            // network in between could read or rewrite what they read. Subdomains are the newsroom's own business.
            headers.StrictTransportSecurity = "max-age=31536000";
        }

        return next(context);
    }

    /// <summary>The policy of a page made for one request: only scripts carrying its nonce run (ours load no others).</summary>
    public static string PersonalPagePolicy(string nonce) => $"{Policy}; script-src 'nonce-{nonce}'";
}
