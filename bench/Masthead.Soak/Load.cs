using System.Diagnostics;

namespace Masthead.Soak;

internal static class Load
{
    /// <summary>Never more operations running at once than this; beyond it the server is behind and the operation is skipped.</summary>
    private const int MaxInFlight = 1024;

    /// <summary>Closed loop: <paramref name="concurrency"/> operations at a time, each started when one ends.</summary>
    public static async Task<TimeSpan> FullSpeedAsync(Traffic traffic, Tally tally, int concurrency, TimeSpan duration, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        long next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                var kind = traffic.KindOf(Interlocked.Increment(ref next));
                await RunAsync(traffic, tally, kind, clock, clock.Elapsed, cancellationToken);
            }
        }, cancellationToken)));
        return clock.Elapsed;
    }

    /// <summary>
    /// Open loop: operations start at <paramref name="perSecond"/> whatever the answers take, and each one's latency
    /// counts from when it was due, so a slow server cannot hide its queue by slowing the driver down.
    /// </summary>
    public static async Task<TimeSpan> FixedRateAsync(
        Traffic traffic, Tally tally, double perSecond, TimeSpan duration, RssSampler rss, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var running = new HashSet<Task>();
        var nextSample = TimeSpan.FromSeconds(10);
        long started = 0;
        while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * perSecond);
            for (; started < due; started++)
            {
                var dueAt = TimeSpan.FromSeconds(started / perSecond);
                var kind = traffic.KindOf(started);
                running.RemoveWhere(t => t.IsCompleted);
                if (running.Count >= MaxInFlight)
                {
                    tally.Skipped(kind);
                    continue;
                }

                running.Add(RunAsync(traffic, tally, kind, clock, dueAt, cancellationToken));
            }

            if (clock.Elapsed >= nextSample)
            {
                rss.Sample(clock.Elapsed);
                nextSample += TimeSpan.FromSeconds(10);
            }

            await Task.Delay(2, CancellationToken.None);
        }

        var elapsed = clock.Elapsed;
        await Task.WhenAll(running);
        rss.Sample(clock.Elapsed);
        return elapsed;
    }

    private static async Task RunAsync(Traffic traffic, Tally tally, string kind, Stopwatch clock, TimeSpan dueAt, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Yield();
            await traffic.RunAsync(kind, cancellationToken);
            tally.Done(kind, (int)(dueAt.TotalSeconds / 60), (clock.Elapsed - dueAt).TotalMilliseconds);
        }
        catch (Exception exception) when (exception is SoakFailure or HttpRequestException or TaskCanceledException or IOException)
        {
            tally.Failed(kind, (int)(dueAt.TotalSeconds / 60), exception.Message);
        }
    }
}
