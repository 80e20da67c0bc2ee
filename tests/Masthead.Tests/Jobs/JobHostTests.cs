using Masthead.Jobs;
using Masthead.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Masthead.Tests.Jobs;

/// <summary>The job host on one node, on the fake clock: when a job runs, what a failure does, wake-ups, and stopping.</summary>
public sealed class JobHostTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly FakeTimeProvider _clock = new(MastheadFactory.StartTime);

    private static readonly DateTimeOffset Start = MastheadFactory.StartTime;

    private static readonly int[] FailuresInARow = [1, 2, 3, 4, 5, 6, 7, 1000];

    [Fact]
    public async Task A_job_runs_at_start_and_then_once_each_interval_of_the_clock_without_catching_up_missed_ones()
    {
        await using var node = await JobNode.StartAsync(_clock, Interval);
        await node.UntilIdleAfterAsync(1);
        Assert.Equal(Start + Interval, node.ProbeState.NextRunAt);

        _clock.Advance(Interval - TimeSpan.FromSeconds(1));
        _clock.Advance(TimeSpan.FromSeconds(1));
        await node.UntilIdleAfterAsync(2);
        Assert.Equal(Start + Interval, node.ProbeState.LastRunAt);

        // Three intervals at once (a suspended machine, a test's jump): one run, and the next an interval after it.
        _clock.Advance(3 * Interval);
        await node.UntilIdleAfterAsync(3);
        Assert.Equal(Start + (4 * Interval), node.ProbeState.LastRunAt);
        Assert.Equal(Start + (5 * Interval), node.ProbeState.NextRunAt);
        Assert.Equal(0, node.ProbeState.Failures);
    }

    [Fact]
    public async Task A_failing_job_is_logged_and_retried_after_1_2_4_seconds_and_a_wake_up_does_not_hurry_the_retry()
    {
        Func<CancellationToken, Task> fails = _ => throw new InvalidOperationException("The mail server is down");
        await using var node = await JobNode.StartAsync(_clock, Interval, script: [fails, fails, fails]);
        await node.UntilIdleAfterAsync(1);
        Assert.Equal((1, Start + TimeSpan.FromSeconds(1)), (node.ProbeState.FailuresInARow, node.ProbeState.NextRunAt));

        _clock.Advance(TimeSpan.FromSeconds(1));
        await node.UntilIdleAfterAsync(2);
        Assert.Equal(Start + TimeSpan.FromSeconds(3), node.ProbeState.NextRunAt);

        // Woken while backing off: the wake-up waits for the retry, so a broken job is not run once per webhook.
        await node.Jobs.WakeAsync(node.Probe, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(2));
        await node.UntilIdleAfterAsync(3);
        Assert.Equal(Start + TimeSpan.FromSeconds(3), node.ProbeState.LastRunAt);
        Assert.Equal(Start + TimeSpan.FromSeconds(7), node.ProbeState.NextRunAt);

        _clock.Advance(TimeSpan.FromSeconds(4));
        await node.UntilIdleAfterAsync(4);
        Assert.Equal((3L, 0), (node.ProbeState.Failures, node.ProbeState.FailuresInARow));
        Assert.Equal(Start + TimeSpan.FromSeconds(7) + Interval, node.ProbeState.NextRunAt);

        Assert.Equal(
            ["Job probe failed (1 in a row); trying again in 00:00:01", "Job probe failed (2 in a row); trying again in 00:00:02", "Job probe failed (3 in a row); trying again in 00:00:04"],
            node.Logged.Where(line => line.StartsWith("Job probe", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_back_off_doubles_from_one_second_and_never_passes_the_job_s_interval()
    {
        Assert.Equal(
            [1, 2, 4, 8, 16, 32, 60, 60],
            FailuresInARow.Select(failures => JobHost.Backoff(failures, Interval).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(5), JobHost.Backoff(4, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_wake_up_runs_the_job_at_once_and_wake_ups_during_a_run_make_one_more_run()
    {
        await using var node = await JobNode.StartAsync(_clock, Interval);
        await node.UntilIdleAfterAsync(1);

        await node.Jobs.WakeAsync(node.Probe, CancellationToken.None);
        await node.UntilIdleAfterAsync(2);
        Assert.Equal(Start, node.ProbeState.LastRunAt);

        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        node.Script.Enqueue(async _ =>
        {
            running.SetResult();
            await release.Task;
        });
        await node.Jobs.WakeAsync(node.Probe, CancellationToken.None);
        await running.Task.WaitAsync(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 5; i++)
        {
            await node.Jobs.WakeAsync(node.Probe, CancellationToken.None);
        }

        release.SetResult();
        await node.UntilIdleAfterAsync(4);
        Assert.Equal(Start + Interval, node.ProbeState.NextRunAt);
    }

    [Fact]
    public async Task Stopping_cancels_a_run_in_progress_and_the_host_ends_cleanly()
    {
        var node = await JobNode.StartAsync(_clock, Interval);
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = false;
        node.Script.Enqueue(async cancellationToken =>
        {
            running.SetResult();
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
                throw;
            }
        });
        await node.Jobs.WakeAsync(node.Probe, CancellationToken.None);
        await running.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await node.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(cancelled);
        Assert.True(node.Jobs.ExecuteTask!.IsCompletedSuccessfully);
        Assert.Equal(0, node.ProbeState.Failures);
        Assert.Empty(node.Logged);
        await node.DisposeAsync();
    }
}
