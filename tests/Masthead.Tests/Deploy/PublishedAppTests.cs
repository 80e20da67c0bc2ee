using System.Net;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Deploy;

/// <summary>
/// The published app as an operator runs it: started in Production from a directory that has nothing to do with it
/// (as a systemd unit without WorkingDirectory would), it still finds its stylesheet, script and pages, and it keeps
/// its data where <c>Masthead:DataDirectory</c> says, not beside itself.
/// </summary>
public abstract class PublishedAppTests(MastheadFactory factory)
{
    [Fact]
    public async Task The_published_app_started_from_an_unrelated_directory_serves_its_stylesheet_script_and_articles()
    {
        var assembly = await PublishedMasthead.AssemblyAsync();
        await using var own = factory.Fresh();
        own.Settings["Masthead:Newsroom:SeedDemo"] = "true";
        _ = own.Services; // creates the test's own database (PostgreSQL) before the process migrates it
        var elsewhere = Directory.CreateTempSubdirectory("masthead-elsewhere-");
        try
        {
            await using var app = await MastheadProcess.StartAsync(own.AppSettings(), assembly, elsewhere.FullName);
            using var client = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(30) };

            await AssertServedAsync(client, "/site.css", "text/css", ".appeal");
            await AssertServedAsync(client, "/reader.js", "text/javascript", "mh_snooze");
            var front = await client.GetStringAsync(new Uri("/", UriKind.Relative));
            Assert.Contains("href=\"/site.css\"", front, StringComparison.Ordinal);
            var article = Html.Parse(front).QuerySelectorAll("a[href^='/articles/']").Select(a => a.GetAttribute("href")!).First();
            await AssertServedAsync(client, article, "text/html", "data-article=");

            Assert.Empty(elsewhere.EnumerateFileSystemInfos());
            Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(assembly)!, "data")), "The published app made a data folder inside itself.");
            Assert.True(Directory.Exists(Path.Combine(own.DataDirectory, "keys")), "The keys are not in the configured data directory.");
        }
        finally
        {
            elsewhere.Delete(recursive: true);
        }
    }

    private static async Task AssertServedAsync(HttpClient client, string path, string mediaType, string content)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}.");
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(content, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PublishedAppTestsOnSqlite(SqliteFactory factory) : PublishedAppTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PublishedAppTestsOnPostgres(PostgresFactory factory) : PublishedAppTests(factory);
