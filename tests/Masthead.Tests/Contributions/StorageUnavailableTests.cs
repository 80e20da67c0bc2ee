using System.Net;
using Masthead.Data;
using Masthead.Tests.Infrastructure;
using SqliteConnection = Microsoft.Data.Sqlite.SqliteConnection;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Masthead.Tests.Contributions;

/// <summary>
/// While the database cannot take a write (another writer holds the lock past the wait), a payment event is answered
/// 503 with Retry-After, not acknowledged; delivered again once the database is free, it is recorded exactly once.
/// </summary>
public abstract class StorageUnavailableTests(MastheadFactory factory)
{
    /// <summary>Settings that make the app give up waiting for a lock after a second, instead of the default 30.</summary>
    protected abstract void WaitBriefly(MastheadFactory own);

    /// <summary>Holds the lock a webhook's write needs until disposed.</summary>
    protected abstract Task<IAsyncDisposable> HoldWriteLockAsync(MastheadFactory own);

    [Fact]
    public async Task A_webhook_that_meets_a_locked_database_gets_503_with_retry_after_and_its_redelivery_is_recorded_once()
    {
        await using var stripe = await FakeStripe.StartAsync();
        await using var own = stripe.Configure(factory.Fresh());
        WaitBriefly(own);
        var metricsPort = Operations.Scrape.EnableMetrics(own);
        using var reader = own.CreateBrowserClient();
        using (var form = await SupportDesk.SubmitAsync(own, reader, $"locked-{Guid.NewGuid():N}@example.org", "5"))
        {
            Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        }

        var sessionId = own.WithDb(db => db.Checkouts.Single().ProviderSessionId!);
        var events = stripe.Pay(sessionId, own.Clock.GetUtcNow());
        using var webhook = own.CreateClient();

        var unavailableBefore = (await Operations.Scrape.GetAsync(metricsPort)).Sum("masthead_database_unavailable_total");
        await using (await HoldWriteLockAsync(own))
        {
            using var refused = await FakeStripe.DeliverAsync(webhook, events[0], own.Clock.GetUtcNow());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(StorageUnavailable.RetryAfterSeconds), refused.Headers.RetryAfter?.Delta);
            Assert.Contains("try again", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.True((await Operations.Scrape.GetAsync(metricsPort)).Sum("masthead_database_unavailable_total") >= unavailableBefore + 1);

        await FakeStripe.DeliverAndApplyAsync(own, events);

        Assert.Equal(events.Count, await own.WithDbAsync(db => db.PaymentEvents.CountAsync()));
        Assert.Equal([500L], await own.WithDbAsync(db => db.Contributions.Select(c => c.Amount).ToListAsync()));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class StorageUnavailableTestsOnSqlite(SqliteFactory factory) : StorageUnavailableTests(factory)
{
    protected override void WaitBriefly(MastheadFactory own) => own.Settings["Masthead:Database:ConnectionString"] = "Default Timeout=1";

    protected override async Task<IAsyncDisposable> HoldWriteLockAsync(MastheadFactory own)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(own.DataDirectory, "masthead.db")};Pooling=False");
        await connection.OpenAsync();
        await using (var begin = connection.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE;";
            await begin.ExecuteNonQueryAsync();
        }

        return connection;
    }
}

[Collection(PostgresCollection.Name)]
public sealed class StorageUnavailableTestsOnPostgres(PostgresFactory factory) : StorageUnavailableTests(factory)
{
    protected override void WaitBriefly(MastheadFactory own) =>
        own.Settings["Masthead:Database:ConnectionString"] = Connection((PostgresFactory)own, "-c lock_timeout=1000");

    protected override async Task<IAsyncDisposable> HoldWriteLockAsync(MastheadFactory own)
    {
        var connection = new NpgsqlConnection(Connection((PostgresFactory)own, null));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "BEGIN; LOCK TABLE \"PaymentEvents\" IN ACCESS EXCLUSIVE MODE;";
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    private static string Connection(PostgresFactory own, string? options) =>
        new NpgsqlConnectionStringBuilder(PostgresFactory.Cluster)
        {
            Database = own.DatabaseName, Options = options, Pooling = options is not null,
        }.ConnectionString;
}
