using System.Text;
using System.Threading.RateLimiting;
using Masthead.Web;
using Microsoft.Extensions.Options;

namespace Masthead.Appeals;

/// <summary>
/// <c>POST /appeal/events</c>: the reader script's batch of events for one page view, sent with <c>navigator.sendBeacon</c>
/// as plain text, one event a line: <c>{appeal}.{variant}.{placement}.{kind}</c>, the kind one of s (shown), c
/// (Continue pressed), z (snoozed), d (banner dismissed). No cookie is read or set, no address kept: the events go
/// straight into <see cref="AppealCounts"/>.
/// </summary>
public sealed class AppealEvents(IOptions<RateLimitOptions> options) : IDisposable
{
    public const string Path = "/appeal/events";
    public const int MaxEvents = 20;
    public const int MaxBytes = 1024;

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => FormLimits.Window(options.Value.AppealEvents)));

    public static async Task<IResult> ReceiveAsync(HttpContext context, AppealEvents events, AppealCounts counts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(counts);
        context.Response.Headers.CacheControl = "no-store";
        if (await Web.BoundedBody.ReadAsync(context.Request, MaxBytes, cancellationToken) is not { } body)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var parsed = Parse(Encoding.UTF8.GetString(body));
        if (parsed is null)
        {
            return Results.BadRequest();
        }

        var known = parsed.Where(e => counts.Knows(e.Code.AppealId, e.Code.Variant)).ToList();
        using var lease = events._limiter.AttemptAcquire(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", Math.Max(1, known.Count));
        if (!lease.IsAcquired)
        {
            return Results.StatusCode(StatusCodes.Status429TooManyRequests);
        }

        foreach (var (code, kind) in known)
        {
            counts.Add(code.AppealId, code.Variant, code.Placement, kind);
        }

        return Results.NoContent();
    }

    /// <summary>The batch's events, or null when it is empty, too long or holds a line that is not an event.</summary>
    public static IReadOnlyList<(CampaignCode Code, AppealEvent Kind)>? Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length is 0 or > MaxEvents)
        {
            return null;
        }

        var events = new List<(CampaignCode, AppealEvent)>(lines.Length);
        foreach (var line in lines)
        {
            var dot = line.LastIndexOf('.');
            if (dot < 0 || CampaignCode.Parse(line[..dot]) is not { } code || KindOf(line[(dot + 1)..]) is not { } kind)
            {
                return null;
            }

            events.Add((code, kind));
        }

        return events;
    }

    private static AppealEvent? KindOf(string letter) => letter switch
    {
        "s" => AppealEvent.Shown,
        "c" => AppealEvent.Continued,
        "z" => AppealEvent.Snoozed,
        "d" => AppealEvent.Dismissed,
        _ => null,
    };

    public void Dispose() => _limiter.Dispose();
}
