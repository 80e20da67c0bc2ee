using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Threading.RateLimiting;
using Masthead.Settings;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Masthead.Web;

/// <summary>So many posts of one form within one window of time.</summary>
public sealed class FormLimit
{
    [Range(1, int.MaxValue)]
    public int Permits { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan Window { get; set; }
}

/// <summary>
/// <c>Masthead:RateLimits</c>: how often one client address may post each public form, and how often one mailbox
/// may be sent a reminder or a supporter's link. A limit counts posts, whatever became of them.
/// </summary>
public sealed class RateLimitOptions
{
    public FormLimit SignIn { get; set; } = new() { Permits = 10, Window = TimeSpan.FromMinutes(5) };

    public FormLimit Support { get; set; } = new() { Permits = 10, Window = TimeSpan.FromMinutes(10) };

    public FormLimit Remind { get; set; } = new() { Permits = 10, Window = TimeSpan.FromHours(1) };

    public FormLimit Restore { get; set; } = new() { Permits = 10, Window = TimeSpan.FromHours(1) };

    public FormLimit RemindPerEmail { get; set; } = new() { Permits = 3, Window = TimeSpan.FromDays(1) };

    public FormLimit RestorePerEmail { get; set; } = new() { Permits = 3, Window = TimeSpan.FromHours(1) };

    /// <summary>Saves of articles and appeals by one staff member: each renders Markdown, the costliest thing a post asks for.</summary>
    public FormLimit SavesPerStaffMember { get; set; } = new() { Permits = 60, Window = TimeSpan.FromMinutes(10) };
}

/// <summary>
/// Rate limits on the public forms, with ASP.NET Core's rate limiter: per client address on every guarded form's POST
/// (<c>[EnableRateLimiting(FormLimits.X)]</c>), and per mailbox for the forms that send mail.
/// </summary>
public sealed class FormLimits : IDisposable
{
    public const string SignIn = "signin";
    public const string Support = "support";
    public const string Remind = "remind";
    public const string Restore = "restore";
    public const string Saves = "saves";

    private readonly ConcurrentDictionary<string, PartitionedRateLimiter<string>> _partitioned = new(StringComparer.Ordinal);
    private readonly RateLimitOptions _options;

    public FormLimits(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    /// <summary>Marks a request the per-address limit refused; the form's page then answers it (see <see cref="FormGuardAttribute"/>).</summary>
    public sealed record Refused(TimeSpan RetryAfter);

    /// <summary>
    /// Counts one post for the mailbox behind <paramref name="emailHash"/> (the keyed lookup hash, never the address)
    /// and returns how long to wait if it is over the limit, else null.
    /// </summary>
    public TimeSpan? TryMailbox(string form, string emailHash) => Try(form switch
    {
        Remind => _options.RemindPerEmail,
        Restore => _options.RestorePerEmail,
        _ => throw new ArgumentOutOfRangeException(nameof(form), form, "Only the reminder and the supporter's link are limited per mailbox."),
    }, form, emailHash);

    /// <summary>Counts one save of an article or appeal by staff member <paramref name="staffId"/>; how long to wait if over the limit, else null.</summary>
    public TimeSpan? TrySave(int staffId) =>
        Try(_options.SavesPerStaffMember, Saves, staffId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private TimeSpan? Try(FormLimit limit, string form, string key)
    {
        var limiter = _partitioned.GetOrAdd(form, _ => PartitionedRateLimiter.Create<string, string>(partition =>
            RateLimitPartition.GetFixedWindowLimiter(partition, _ => Window(limit))));
        using var lease = limiter.AttemptAcquire(key);
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limit.Window;
    }

    /// <summary>Marks <paramref name="response"/> as refused for rate: 429 with Retry-After in whole seconds.</summary>
    public static void Refuse(HttpResponse response, TimeSpan wait)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>What a staff member is told when <see cref="TrySave"/> refuses a save.</summary>
    public static string SavedTooOften(TimeSpan wait) =>
        $"You have saved very often in the last few minutes. Please wait {Describe(wait)} and save again; your text is below, unsaved.";

    /// <summary>"3 minutes", "1 hour": a wait in words a reader can act on.</summary>
    public static string Describe(TimeSpan wait)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        return minutes switch
        {
            1 => "a minute",
            < 90 => $"{minutes} minutes",
            _ => $"{(int)Math.Ceiling(minutes / 60.0)} hours",
        };
    }

    public void Dispose()
    {
        foreach (var limiter in _partitioned.Values)
        {
            limiter.Dispose();
        }
    }

    internal static FixedWindowRateLimiterOptions Window(FormLimit limit) => new()
    {
        PermitLimit = limit.Permits, Window = limit.Window, QueueLimit = 0, AutoReplenishment = true,
    };
}

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
