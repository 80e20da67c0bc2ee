using System.Diagnostics;

namespace Masthead.Web;

/// <summary>
/// One log line per request when <c>Masthead:Logging:AccessLog</c> is true: method, route, status and milliseconds,
/// under the category <c>Masthead.Web.AccessLog</c>. Never the query string (search terms, tokens) nor the client's
/// address: a newsroom's log must not become a list of who read what. Off by default, since it costs the cached
/// path (docs/operations.md has the figures); nginx's own log can say the rest when an operator needs it.
/// </summary>
internal sealed partial class AccessLog(RequestDelegate next, ILogger<AccessLog> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var route = Route(context);
            Served(logger, context.Request.Method, route, context.Response.StatusCode, elapsed);
        }
    }

    /// <summary>
    /// The endpoint's route pattern (/articles/{slug}, never the slug a magic link or a search carries). Pages
    /// answered from the page cache and static files have no endpoint; both are public by construction, so their path
    /// is named. Any other unmatched request shows as the status page re-executed for it (/error/{code:int?}), or
    /// "(no route)", never by its path, which may be anything a client sent.
    /// </summary>
    private static string Route(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern }
            ? (pattern.StartsWith('/') ? pattern : "/" + pattern)
            : context.Response.StatusCode < 400 ? context.Request.Path.Value ?? "/" : "(no route)";

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Route} {Status} {ElapsedMs:0.0} ms")]
    private static partial void Served(ILogger logger, string method, string route, int status, double elapsedMs);
}

/// <summary><c>Masthead:Logging</c>: what Masthead logs beyond its warnings and its own events.</summary>
public sealed class LoggingOptions
{
    /// <summary>One line per request (method, route, status, milliseconds; no query string, no address). Off by default.</summary>
    public bool AccessLog { get; set; }
}

public static class AccessLogSetup
{
    public static IServiceCollection AddAccessLog(this IServiceCollection services)
    {
        services.AddOptions<LoggingOptions>().BindConfiguration("Masthead:Logging");
        return services;
    }

    /// <summary>First in the pipeline when switched on, so its time includes the page cache's hits; absent otherwise.</summary>
    public static WebApplication UseAccessLog(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<LoggingOptions>>().Value.AccessLog)
        {
            app.UseMiddleware<AccessLog>();
        }

        return app;
    }
}
