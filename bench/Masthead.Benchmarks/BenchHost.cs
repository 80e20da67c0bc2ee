using System.Text.Json;
using Masthead.SeedCorpus;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Masthead.Benchmarks;

/// <summary>
/// Masthead in this process on a SQLite database of its own, as in production (Production environment, no demo
/// newsroom), with the output cache off so every request renders: the cost of a cache miss.
/// </summary>
public sealed class BenchHost : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("masthead-bench-").FullName;

    /// <summary>The host with <paramref name="articles"/> corpus articles seeded (none for zero), and their slugs.</summary>
    public static async Task<(BenchHost Host, string[] Slugs)> StartAsync(int articles)
    {
        var host = new BenchHost();
        using var slugs = new StringWriter();
        if (articles > 0 && !await BenchCorpus.SeedAsync(host.Services, articles, slugs))
        {
            throw new InvalidOperationException("A fresh benchmark database already had articles.");
        }

        return (host, slugs.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The factory looks for its manifest in the current directory, which under `dotnet run` is wherever it was
        // started; the manifest beside this assembly names the app's project directory (its wwwroot, appsettings).
        var manifest = Path.Combine(AppContext.BaseDirectory, "MvcTestingAppManifest.json");
        var roots = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(manifest))!;
        builder.UseContentRoot(roots.Single(r => r.Key.StartsWith("Masthead,", StringComparison.Ordinal)).Value);
        builder.UseEnvironment("Production");
        builder.UseSetting("Masthead:Newsroom:BaseUrl", "http://localhost");
        builder.UseSetting("Masthead:DataDirectory", _dataDirectory);
        builder.UseSetting("Masthead:Newsroom:SeedDemo", "false");
        builder.UseSetting("Masthead:Cache:Enabled", "false");
        builder.UseSetting("Masthead:Admin:Email", "bench@masthead.local");
        builder.UseSetting("Masthead:Admin:Password", "Bench-only-password-1");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
