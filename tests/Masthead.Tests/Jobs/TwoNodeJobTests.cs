using Masthead.Data;
using Masthead.Jobs;
using Masthead.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Masthead.Tests.Jobs;

/// <summary>
/// Two nodes' job hosts on one PostgreSQL database (the collection's, already migrated) and one clock, moved ten seconds
/// at a time as the real one would be: one node runs the job, the other takes it over when the first dies or stops, and a
/// wake-up on the node without the lease reaches the node with it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TwoNodeJobTests(PostgresFactory factory)
{
    /// <summary>Not a multiple of the lease pass's ten seconds, so the job's own time never falls on a takeover.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(25);

    private static readonly DateTimeOffset Start = MastheadFactory.StartTime;

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly string _job = "two-nodes-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Of_two_nodes_only_the_one_holding_the_lease_runs_the_job()
    {
        await using var first = await StartAsync();
        await first.UntilIdleAfterAsync(1);
        await using var second = await StartAsync();
        await JobNode.UntilAsync(() => second.ProbeState is { Skipped: 1, Waiting: true }, () => $"second: {second.ProbeState}");

        await AdvanceAsync(6, first, second);

        // Due at 0, 25 and 55 s, each seen at the next ten-second step: runs at 0, 30 and 60 s on the first node. The
        // second was due at the same times and left them to the first.
        Assert.Equal((3L, Start + TimeSpan.FromSeconds(60)), (first.ProbeState.Runs, first.ProbeState.LastRunAt));
        Assert.Equal((0L, 3L), (second.ProbeState.Runs, second.ProbeState.Skipped));
    }

    [Fact]
    public async Task When_the_holder_stops_renewing_the_other_node_takes_the_job_over_after_the_lease_time()
    {
        // A node that took the lease at the start and then died: it never renews.
        using (var dead = new JobLeases(factory.Services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new DatabaseOptions { Provider = "Postgres" }), _clock))
        {
            Assert.True(await dead.TakeAsync(_job, CancellationToken.None));
        }

        await using var survivor = await StartAsync();
        await JobNode.UntilAsync(() => survivor.ProbeState is { Skipped: 1, Waiting: true }, () => $"survivor: {survivor.ProbeState}");

        await AdvanceAsync(3, survivor);
        Assert.Equal(0, survivor.ProbeState.Runs);

        await AdvanceAsync(1, survivor);
        await survivor.UntilIdleAfterAsync(1);
        Assert.Equal(Start + JobLeases.Length + JobLeases.RenewEvery, survivor.ProbeState.LastRunAt);
    }

    [Fact]
    public async Task A_node_that_stops_hands_its_jobs_to_the_other_at_the_other_s_next_lease_pass()
    {
        var first = await StartAsync();
        await first.UntilIdleAfterAsync(1);
        await using var second = await StartAsync();
        await JobNode.UntilAsync(() => second.ProbeState is { Skipped: 1, Waiting: true }, () => $"second: {second.ProbeState}");

        await first.DisposeAsync();
        await AdvanceAsync(1, second);
        await second.UntilIdleAfterAsync(1);
        Assert.Equal(Start + JobLeases.RenewEvery, second.ProbeState.LastRunAt);
    }

    [Fact]
    public async Task A_wake_up_on_the_node_without_the_lease_runs_the_job_at_once_on_the_node_with_it()
    {
        await using var holder = await StartAsync();
        await holder.UntilIdleAfterAsync(1);
        await using var other = await StartAsync();
        await JobNode.UntilAsync(() => other.ProbeState is { Skipped: 1, Waiting: true } && holder.Notifications.Listening && other.Notifications.Listening,
            () => $"other: {other.ProbeState}, listening: {holder.Notifications.Listening}/{other.Notifications.Listening}");

        // As a webhook landing on the other node does after storing its event.
        await other.Jobs.WakeAsync(_job, CancellationToken.None);
        await holder.UntilIdleAfterAsync(2);
        Assert.Equal(Start, holder.ProbeState.LastRunAt);
        Assert.Equal(0, other.ProbeState.Runs);
    }

    private Task<JobNode> StartAsync()
    {
        // The collection's app makes and migrates the database when it first starts.
        _ = factory.Services;
        return JobNode.StartAsync(_clock, Interval, _job, factory.AppSettings());
    }

    /// <summary>Moves the clock ten seconds <paramref name="steps"/> times, each time waiting until every node has done what was due.</summary>
    private async Task AdvanceAsync(int steps, params JobNode[] nodes)
    {
        for (var i = 0; i < steps; i++)
        {
            foreach (var node in nodes)
            {
                await node.SettledAsync(JobHost.LeaseKeeper, _clock.GetUtcNow());
                await node.SettledAsync(node.Probe, _clock.GetUtcNow());
            }

            _clock.Advance(JobLeases.RenewEvery);
            foreach (var node in nodes)
            {
                await node.SettledAsync(JobHost.LeaseKeeper, _clock.GetUtcNow());
                await node.SettledAsync(node.Probe, _clock.GetUtcNow());
            }
        }
    }
}
