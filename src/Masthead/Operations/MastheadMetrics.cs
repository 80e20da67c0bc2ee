using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http.Features;

namespace Masthead.Operations;

/// <summary>
/// Masthead's own counters, on one <see cref="Meter"/> named "Masthead", with OpenTelemetry-style names (Prometheus shows
/// <c>masthead.page_cache.hits</c> as <c>masthead_page_cache_hits_total</c>). Labels only ever hold fixed words (a job's
/// name, a provider's name, a transport): never an address, a token, a slug or a supporter's id.
/// </summary>
/// <remarks>
/// Static, so that each place that counts needs one line and no new constructor argument. With nothing listening (metrics
/// off, the default) a call costs a check; the page cache's size is observed from <see cref="MetricsServer"/>.
/// </remarks>
public static class MastheadMetrics
{
    public const string MeterName = "Masthead";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> PageCacheHits = Meter.CreateCounter<long>("masthead.page_cache.hits", "{request}", "Public pages answered from the page cache");
    private static readonly Counter<long> PageCacheMisses = Meter.CreateCounter<long>("masthead.page_cache.misses", "{request}", "Cacheable public pages the cache did not have, so rendered");
    private static readonly Counter<long> PageCacheEvictions = Meter.CreateCounter<long>("masthead.page_cache.evictions", "{page}", "Pages dropped from the cache: changed, or pushed out by the memory bound");
    private static readonly Counter<long> PaymentEventsReceived = Meter.CreateCounter<long>("masthead.payment_events.received", "{event}", "Provider events stored in the inbox (redeliveries not counted)");
    private static readonly Counter<long> PaymentEventsApplied = Meter.CreateCounter<long>("masthead.payment_events.applied", "{event}", "Inbox events applied to supporters and the ledger");
    private static readonly Counter<long> PaymentEventsFailed = Meter.CreateCounter<long>("masthead.payment_events.failed", "{attempt}", "Attempts to apply an inbox event that failed and left it pending");
    private static readonly Counter<long> PaymentEventsParked = Meter.CreateCounter<long>("masthead.payment_events.parked", "{event}", "Inbox events given up on after their last attempt; they need a person");
    private static readonly Counter<long> EmailsSent = Meter.CreateCounter<long>("masthead.emails.sent", "{email}", "Emails handed to the transport");
    private static readonly Counter<long> EmailsFailed = Meter.CreateCounter<long>("masthead.emails.failed", "{email}", "Emails the transport could not take");
    private static readonly Counter<long> JobRuns = Meter.CreateCounter<long>("masthead.jobs.runs", "{run}", "Background job runs that finished");
    private static readonly Counter<long> JobFailures = Meter.CreateCounter<long>("masthead.jobs.failures", "{run}", "Background job runs that failed (and are retried on the next tick)");
    private static readonly Counter<long> DatabaseUnavailable = Meter.CreateCounter<long>("masthead.database.unavailable", "{request}", "Requests answered 503 because the database could not take them");

    public static void PageCacheHit(HttpContext context, string? route)
    {
        PageCacheHits.Add(1);

        // Answered before routing, so the request metrics would carry no route; the page remembers the one it was made by.
        if (route is not null)
        {
            TagRoute(context, route);
        }
    }

    /// <summary>Gives a request answered without routing its route label, as ASP.NET Core writes it ("" is "/").</summary>
    public static void TagRoute(HttpContext context, string route)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Features.Get<IHttpMetricsTagsFeature>()?.Tags.Add(new("http.route", route.Length == 0 ? "/" : route));
    }

    public static void PageCacheMiss() => PageCacheMisses.Add(1);

    public static void PageCacheEvicted() => PageCacheEvictions.Add(1);

    public static void PaymentEventReceived(string provider) => PaymentEventsReceived.Add(1, Provider(provider));

    public static void PaymentEventApplied(string provider) => PaymentEventsApplied.Add(1, Provider(provider));

    /// <summary>An attempt failed; <paramref name="parked"/> when it was the last one.</summary>
    public static void PaymentEventFailed(string provider, bool parked)
    {
        PaymentEventsFailed.Add(1, Provider(provider));
        if (parked)
        {
            PaymentEventsParked.Add(1, Provider(provider));
        }
    }

    /// <summary>Runs <paramref name="send"/>, counting it as sent or failed under <paramref name="transport"/>.</summary>
    public static async Task CountEmailAsync(string transport, Func<Task> send)
    {
        ArgumentNullException.ThrowIfNull(send);
        try
        {
            await send();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            EmailsFailed.Add(1, new KeyValuePair<string, object?>("transport", transport));
            throw;
        }

        EmailsSent.Add(1, new KeyValuePair<string, object?>("transport", transport));
    }

    /// <summary>A run of background job <paramref name="job"/> (a fixed name such as "mail") finished.</summary>
    public static void JobRan(string job) => JobRuns.Add(1, new KeyValuePair<string, object?>("job", job));

    /// <summary>A run of background job <paramref name="job"/> failed.</summary>
    public static void JobFailed(string job) => JobFailures.Add(1, new KeyValuePair<string, object?>("job", job));

    /// <summary>A request met a database that could not take it (<see cref="Data.StorageUnavailable"/>) and was answered 503.</summary>
    public static void DatabaseUnavailableAnswered() => DatabaseUnavailable.Add(1);

    private static KeyValuePair<string, object?> Provider(string provider) => new("provider", provider);
}
