using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;

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
        // The status or error page run again for a request already logged, under the route it first matched.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        catch
        {
            Write(context, started, StatusCodes.Status500InternalServerError);
            throw;
        }

        Write(context, started, context.Response.StatusCode);
    }

    private void Write(HttpContext context, long started, int status)
    {
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var route = Route(context, status);
        Served(logger, context.Request.Method, route, status, elapsed);
    }

    /// <summary>
    /// The endpoint's route pattern (/articles/{slug}, never the slug a magic link or a search carries). Pages
    /// answered from the page cache and static files have no endpoint; both are public by construction, so their path
    /// is named. Any other unmatched request is "(no route)", never its path, which may be anything a client sent.
    /// </summary>
    private static string Route(HttpContext context, int status) =>
        context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern }
            ? (pattern.StartsWith('/') ? pattern : "/" + pattern)
            : status < 400 ? context.Request.Path.Value ?? "/" : "(no route)";

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Route} {Status} {ElapsedMs:0.0} ms")]
    private static partial void Served(ILogger logger, string method, string route, int status, double elapsedMs);
}
