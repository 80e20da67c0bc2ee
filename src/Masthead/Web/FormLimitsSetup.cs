using System.Net;
using System.Threading.RateLimiting;
using Masthead.Settings;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Masthead.Web;

public static class FormLimitsSetup
{
    public static IServiceCollection AddFormLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<RateLimitOptions>("Masthead:RateLimits");
        services.AddSettings<FormTimingOptions>("Masthead:FormTiming");
        services.AddSettingKeys("Masthead:Proxy:KnownProxies:*");
        services.AddSingleton<FormLimits>();
        services.AddSingleton<FormGuard>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(FormLimits.SignIn, context => PerAddress(context, options => options.SignIn));
            limiter.AddPolicy(FormLimits.Support, context => PerAddress(context, options => options.Support));
            limiter.AddPolicy(FormLimits.Remind, context => PerAddress(context, options => options.Remind));
            limiter.AddPolicy(FormLimits.Restore, context => PerAddress(context, options => options.Restore));
            limiter.AddPolicy(FormLimits.Newsletter, context => PerAddress(context, options => options.Newsletter));
            limiter.OnRejected = async (rejected, _) =>
            {
                var http = rejected.HttpContext;
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                http.Features.Set(new FormLimits.Refused(wait));
                // The form's own page answers, so the person sees the form again with what they typed and why it
                // was not sent; its FormGuard sees Refused, refuses the post and sets 429 and Retry-After. Only a
                // guarded form's page is run so: they are all open to anyone, and the limiter sits before sign-in.
                if (http.GetEndpoint() is { RequestDelegate: { } page } endpoint && endpoint.Metadata.GetMetadata<FormGuardAttribute>() is not null)
                {
                    await page(http);
                }
                else
                {
                    http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
            };
        });

        // Behind a reverse proxy every client has the proxy's address, so one limit would cover every reader. Only
        // proxies named in Masthead:Proxy:KnownProxies are believed about X-Forwarded-For; nobody else is.
        var proxies = configuration.GetSection("Masthead:Proxy:KnownProxies").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        return services;
    }

    public static WebApplication UseFormLimits(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRateLimiter();
        return app;
    }

    /// <summary>Only posts are counted: reading a form, however often, is not abuse.</summary>
    private static RateLimitPartition<string> PerAddress(HttpContext context, Func<RateLimitOptions, FormLimit> pick)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var limit = pick(context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value);
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter(address, _ => FormLimits.Window(limit));
    }
}
