using System.Net;
using Masthead.Privacy;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Masthead.Tests.Operations;

public abstract class HealthTests(MastheadFactory factory)
{
    [Fact]
    public async Task Live_and_ready_answer_200_uncached_even_to_a_host_name_the_site_refuses()
    {
        await using var own = factory.Fresh();
        own.EnvironmentName = "Production";
        own.Settings["Masthead:Newsroom:BaseUrl"] = "https://news.example";
        using var prober = own.CreateDefaultClient(new Uri("http://10.0.0.5/"));

        using var site = await prober.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, site.StatusCode);

        foreach (var path in new[] { "/health/live", "/health/ready" })
        {
            using var probe = await prober.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
            Assert.Equal("Healthy\n", await probe.Content.ReadAsStringAsync());
            Assert.Equal("text/plain", probe.Content.Headers.ContentType?.MediaType);
            Assert.True(probe.Headers.CacheControl?.NoStore, $"{path} answered Cache-Control: {probe.Headers.CacheControl}");
        }
    }

    [Fact]
    public async Task Ready_answers_503_while_a_migration_is_pending_and_200_again_once_it_is_recorded()
    {
        await using var own = factory.Fresh();
        using var prober = own.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await prober.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);

        // As after restoring a backup made before the latest migration: its row is missing from the history.
        var (id, version) = await own.WithDbAsync(async db =>
        {
            var last = (await db.Database.GetAppliedMigrationsAsync()).Last();
            var history = await db.Database.SqlQuery<string>($"SELECT \"ProductVersion\" AS \"Value\" FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {last}").SingleAsync();
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {last}");
            return (last, history);
        });

        using (var pending = await prober.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, pending.StatusCode);
            Assert.Equal("Unhealthy: database (migrations pending)\n", await pending.Content.ReadAsStringAsync());
            Assert.True(pending.Headers.CacheControl?.NoStore);
        }

        using (var live = await prober.GetAsync(new Uri("/health/live", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        await own.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ({id}, {version})"));
        Assert.Equal(HttpStatusCode.OK, (await prober.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Ready_answers_503_when_the_personal_data_key_file_is_gone_and_does_not_make_a_new_one()
    {
        await using var own = factory.Fresh();
        using var prober = own.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await prober.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        var keyFile = PrivacySetup.KeyFilePath(own.Services.GetRequiredService<IConfiguration>());
        File.Move(keyFile, keyFile + ".away");

        using (var missing = await prober.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, missing.StatusCode);
            Assert.Equal("Unhealthy: personal-data key (missing or not whole)\n", await missing.Content.ReadAsStringAsync());
        }

        Assert.False(File.Exists(keyFile));
        File.Move(keyFile + ".away", keyFile);
        Assert.Equal(HttpStatusCode.OK, (await prober.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Ready_answers_503_while_the_data_directory_cannot_be_written()
    {
        await using var own = factory.Fresh();
        using var prober = own.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await prober.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);

        // Immutable: no file can be made in it, not even by root (these tests run as root, who ignores permissions).
        await ChattrAsync("+i", own.DataDirectory);
        try
        {
            using var refused = await prober.GetAsync(new Uri("/health/ready", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("Unhealthy: data directory (not writable)\n", await refused.Content.ReadAsStringAsync());
        }
        finally
        {
            await ChattrAsync("-i", own.DataDirectory);
        }

        Assert.Equal(HttpStatusCode.OK, (await prober.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
    }

    private static async Task ChattrAsync(string flag, string path)
    {
        using var chattr = System.Diagnostics.Process.Start("chattr", [flag, path]);
        await chattr.WaitForExitAsync();
        Assert.True(chattr.ExitCode == 0, $"chattr {flag} {path} failed: it needs root (as ./test.sh runs) and a file system with the immutable flag (ext4, xfs).");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HealthTestsOnSqlite(SqliteFactory factory) : HealthTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class HealthTestsOnPostgres(PostgresFactory factory) : HealthTests(factory)
{
    [Fact]
    public async Task Ready_answers_503_and_live_200_when_the_database_is_gone()
    {
        await using var own = new PostgresFactory();
        using var prober = own.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await prober.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);

        await using (var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresFactory.Cluster)
        {
            Database = "postgres", Pooling = false,
        }.ConnectionString))
        {
            await server.OpenAsync();
            await using var drop = server.CreateCommand();
            drop.CommandText = $"DROP DATABASE \"{own.DatabaseName}\" WITH (FORCE)";
            await drop.ExecuteNonQueryAsync();
        }

        using (var ready = await prober.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.StartsWith("Unhealthy: database (", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var live = await prober.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
