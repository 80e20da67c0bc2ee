using System.Security.Cryptography;

namespace Masthead.Web;

/// <summary>
/// After routing: every page that is not a shared public page (admin, support, checkout, manage, errors) gets a fresh
/// nonce per response, and its scripts run only if they carry it (<c>nonce="@ScriptNonce.Of(Context)"</c>). So even
/// a script tag smuggled past the sanitizer onto such a page, or a script file planted on this origin, does not run.
/// </summary>
public sealed class ScriptNonce(RequestDelegate next)
{
    private const string Item = "masthead:script-nonce";

    /// <summary>This response's nonce, or null on shared public pages (Razor then leaves the attribute out).</summary>
    public static string? Of(HttpContext context) => context.Items[Item] as string;

    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint() is { } endpoint && endpoint.Metadata.GetMetadata<PublicCacheAttribute>() is null)
        {
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            context.Items[Item] = nonce;
            context.Response.Headers.ContentSecurityPolicy = SecurityHeaders.PersonalPagePolicy(nonce);
        }
        else
        {
            // A status page re-executed after a personal page must not keep that page's nonce.
            context.Items.Remove(Item);
            context.Response.Headers.ContentSecurityPolicy = SecurityHeaders.SharedPagePolicy;
        }

        return next(context);
    }
}
