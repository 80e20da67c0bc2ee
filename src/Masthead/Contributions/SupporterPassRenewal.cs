using System.Globalization;

namespace Masthead.Contributions;

/// <summary>
/// <c>POST /support/pass/renew</c>: the reader script's one call, at most once a week, that renews this browser's
/// supporter pass while the support continues. Never cached (a POST, and every answer is <c>no-store</c>), never logged
/// beyond the access log's method, route and status; the server records nothing of it but the new token's hash.
/// </summary>
public static class SupporterPassRenewal
{
    public const string Path = "/support/pass/renew";

    /// <summary>
    /// No antiforgery token: the pages that call it are cached HTML shared by everyone. A cross-site request brings no
    /// pass (the cookie is SameSite=Lax, so a browser sends it on no cross-site POST), a browser that says where the
    /// request came from (<c>Sec-Fetch-Site</c>) is refused unless it is this site, and a forged renewal could only do
    /// what the supporter's own script does: renew their own pass.
    /// </summary>
    public static async Task<IResult> RenewAsync(HttpContext context, SupporterPasses passes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(passes);
        if (context.Request.Headers["Sec-Fetch-Site"].ToString() is { Length: > 0 } site && site != "same-origin")
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not from this site", detail: "Only this site's own pages renew a supporter pass.");
        }

        var (outcome, renewFrom) = await passes.RenewAsync(context.Request.Cookies[SupporterPass.CookieName], context.Response, cancellationToken);
        switch (outcome)
        {
            case PassRenewal.Renewed:
                return TypedResults.NoContent();
            case PassRenewal.TooSoon:
                context.Response.Headers.RetryAfter = renewFrom.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);
                return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Renewed recently",
                    detail: $"This supporter pass was renewed less than {SupporterPass.RenewalInterval.Days} days ago.");
            case PassRenewal.Refused:
                return TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "Not renewable",
                    detail: "This supporter pass can no longer be renewed; it still hides appeals until its paid-through date.");
            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No supporter pass", detail: "There is no renewable supporter pass in this request.");
        }
    }
}
