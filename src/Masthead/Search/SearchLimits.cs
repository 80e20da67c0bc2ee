using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Masthead.Search;

/// <summary>
/// The per-address limit on searches, checked by the search page and the API themselves so each refuses in its own
/// words (a page with the search box, or problem details), with ASP.NET Core's rate limiter underneath.
/// </summary>
public sealed class SearchLimits(IOptions<SearchOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => Web.FormLimits.Window(options.Value.PerAddress)));

    /// <summary>Counts one search from <paramref name="context"/>'s client address; how long to wait if over the limit, else null.</summary>
    public TimeSpan? TrySearch(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var lease = _limiter.AttemptAcquire(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : options.Value.PerAddress.Window;
    }

    public void Dispose() => _limiter.Dispose();
}
