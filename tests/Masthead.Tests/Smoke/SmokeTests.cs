using System.Net;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Smoke;

public abstract class SmokeTests(MastheadFactory factory)
{
    [Fact]
    public async Task Migrations_apply_and_robots_txt_is_served()
    {
        using var client = factory.CreateBrowserClient();

        using var response = await client.GetAsync(new Uri("/robots.txt", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var (provider, applied, pending) = await factory.WithDbAsync(async db => (
            db.Database.ProviderName,
            (await db.Database.GetAppliedMigrationsAsync()).ToList(),
            (await db.Database.GetPendingMigrationsAsync()).ToList()));
        Assert.Equal(factory.EfProviderName, provider);
        Assert.NotEmpty(applied);
        Assert.Empty(pending);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SmokeTestsOnSqlite(SqliteFactory factory) : SmokeTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class SmokeTestsOnPostgres(PostgresFactory factory) : SmokeTests(factory);
