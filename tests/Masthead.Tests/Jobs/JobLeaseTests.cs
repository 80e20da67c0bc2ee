using Masthead.Data;
using Masthead.Jobs;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Masthead.Tests.Jobs;

/// <summary>
/// The lease row on each database, between two nodes whose clocks agree (one fake clock). The app uses leases only on
/// PostgreSQL, but the statements are the same on SQLite, and so is this test.
/// </summary>
public abstract class JobLeaseTests(MastheadFactory factory)
{
    private readonly FakeTimeProvider _clock = new(MastheadFactory.StartTime);

    [Fact]
    public async Task A_lease_stays_with_its_node_while_renewed_and_another_node_takes_it_once_it_has_expired()
    {
        using var first = Node();
        using var second = Node();
        var job = UniqueJob();
        Assert.True(await first.TakeAsync(job, CancellationToken.None));
        Assert.False(await second.TakeAsync(job, CancellationToken.None));

        _clock.Advance(JobLeases.RenewEvery);
        Assert.True(await first.TakeAsync(job, CancellationToken.None));

        // The first node stops renewing (it died). Until the lease's time is up, it is still the first node's.
        _clock.Advance(JobLeases.Length);
        Assert.False(await second.TakeAsync(job, CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await second.TakeAsync(job, CancellationToken.None));

        // Back too late, the first node finds the lease taken and knows it no longer runs the job.
        Assert.False(await first.TakeAsync(job, CancellationToken.None));
        Assert.False(first.Holds(job));
        Assert.True(second.Holds(job));
        Assert.Equal(second.NodeId, await HolderAsync(job));
    }

    [Fact]
    public async Task A_lease_given_back_is_taken_by_another_node_at_once()
    {
        using var first = Node();
        using var second = Node();
        var job = UniqueJob();
        Assert.True(await first.TakeAsync(job, CancellationToken.None));
        await first.ReleaseAllAsync(CancellationToken.None);
        Assert.False(first.Holds(job));
        Assert.True(await second.TakeAsync(job, CancellationToken.None));
    }

    [Fact]
    public async Task Two_nodes_asking_at_the_same_moment_for_a_new_job_s_lease_get_it_once()
    {
        using var first = Node();
        using var second = Node();
        for (var i = 0; i < 10; i++)
        {
            var job = UniqueJob();
            var taken = await Task.WhenAll(first.TakeAsync(job, CancellationToken.None), second.TakeAsync(job, CancellationToken.None));
            Assert.Single(taken, held => held);
        }
    }

    private JobLeases Node() =>
        new(factory.Services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new DatabaseOptions { Provider = factory.DatabaseProvider }), _clock);

    private static string UniqueJob() => "lease-test-" + Guid.NewGuid().ToString("N")[..12];

    private Task<string> HolderAsync(string job) => factory.WithDbAsync(db => db.JobLeases.Where(l => l.Name == job).Select(l => l.Holder).SingleAsync());
}

[Collection(SqliteCollection.Name)]
public sealed class JobLeaseTestsOnSqlite(SqliteFactory factory) : JobLeaseTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class JobLeaseTestsOnPostgres(PostgresFactory factory) : JobLeaseTests(factory);
