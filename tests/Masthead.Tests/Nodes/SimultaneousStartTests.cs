using System.Net;
using System.Security.Cryptography;
using Masthead.Staff;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Nodes;

/// <summary>
/// Two real Masthead processes started at the same moment on one new, empty PostgreSQL database, as two app nodes
/// behind a proxy would be on a first deployment: migrations, the first admin and the demo seed happen once between them.
/// </summary>
// In the PostgreSQL collection: one after another with the other PostgreSQL tests, whose real processes they would otherwise starve.
[Collection(PostgresCollection.Name)]
public sealed class SimultaneousStartTests
{
    private const string Banner = "Masthead admin account created";

    [Fact]
    public async Task Two_nodes_starting_together_on_an_empty_database_both_come_up_with_one_admin_and_one_demo()
    {
        await using var own = new PostgresFactory { SeedDemo = true };
        own.CreateDatabase();
        var settings = new Dictionary<string, string?>(own.AppSettings())
        {
            // No password: the first start makes one and prints it, once, on whichever node made the admin.
            ["Masthead:Admin:Password"] = "",

            // Nodes share the personal-data key, as the operations guide asks of several nodes.
            ["Masthead:Privacy:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };

        var nodes = await MastheadProcess.StartTogetherAsync(NodeSettings(settings, 1), NodeSettings(settings, 2));
        try
        {
            foreach (var node in nodes)
            {
                using var client = new HttpClient { BaseAddress = node.Address, Timeout = TimeSpan.FromSeconds(30) };
                using var front = await client.GetAsync(new Uri("/", UriKind.Relative));
                Assert.True(front.StatusCode == HttpStatusCode.OK, $"A node answered {(int)front.StatusCode} for the front page:\n{node.OutputTail}");
            }

            Assert.Equal(1, nodes.Count(n => n.OutputTail.Contains(Banner, StringComparison.Ordinal)));
            var state = await own.WithDbAsync(async db => new
            {
                Admins = await db.Staff.CountAsync(s => s.Role == StaffRole.Admin),
                Staff = await db.Staff.CountAsync(),
                Appeals = await db.Appeals.CountAsync(),
                Articles = await db.Articles.CountAsync(),
                Slugs = await db.Articles.Select(a => a.Slug).Distinct().CountAsync(),
            });
            Assert.Equal(1, state.Admins);
            Assert.Equal(1, state.Staff);
            Assert.Equal(6, state.Appeals); // the demo's five English appeals (audiences, a test, a banner) and the Russian edition's one
            Assert.True(state.Articles > 0, "The demo newsroom was not seeded.");
            Assert.Equal(state.Articles, state.Slugs);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <summary>A node's own data directory beside the shared database, as on separate machines.</summary>
    private static Dictionary<string, string?> NodeSettings(Dictionary<string, string?> shared, int node)
    {
        var directory = Path.Combine(shared["Masthead:DataDirectory"]!, $"node{node}");
        Directory.CreateDirectory(directory);
        return new Dictionary<string, string?>(shared) { ["Masthead:DataDirectory"] = directory };
    }
}
