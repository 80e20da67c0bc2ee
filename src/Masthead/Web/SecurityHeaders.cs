namespace Masthead.Web;

/// <summary>
/// Headers every response carries: nothing may load from another host, no page may be framed, no address leaks to
/// the sites a reader follows a link to, and over HTTPS the browser is told to keep to HTTPS.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
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
}
