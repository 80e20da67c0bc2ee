using System.Net;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Deploy;

/// <summary>
/// The README's run command, <c>dotnet run --project src/Masthead</c>, typed in some other directory: the project
/// folder stays the content root (its appsettings.json and wwwroot are read where they are edited), in Development.
/// The data directory is the test's own, so a developer's src/Masthead/data is never touched.
/// </summary>
public abstract class DotnetRunTests(MastheadFactory factory)
{
    [Fact]
    public async Task Dotnet_run_from_another_directory_reads_the_project_folder_and_serves_its_stylesheet_and_script()
    {
        await using var own = factory.Fresh();
        _ = own.Services; // creates the test's own database (PostgreSQL) before the process migrates it
        var elsewhere = Directory.CreateTempSubdirectory("masthead-elsewhere-");
        try
        {
            await using var app = await MastheadProcess.StartWithDotnetRunAsync(own.AppSettings(), elsewhere.FullName);
            using var client = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(30) };

            foreach (var (path, type) in new[] { ("/site.css", "text/css"), ("/reader.js", "text/javascript"), ("/", "text/html") })
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}.\n{app.OutputTail}");
                Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            }

            // No Masthead:Newsroom:BaseUrl, as the README runs it: allowed in Development, pages use the address asked at.
            var front = Html.Parse(await client.GetStringAsync(new Uri("/", UriKind.Relative)));
            Assert.Equal(app.Address.ToString(), front.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));

            var project = Path.Combine(PublishedMasthead.RepositoryRoot(), "src", "Masthead");
            Assert.Contains("Hosting environment: Development", app.OutputTail, StringComparison.Ordinal);
            Assert.Contains($"Content root path: {project}", app.OutputTail, StringComparison.Ordinal);
            Assert.Empty(elsewhere.EnumerateFileSystemInfos());
        }
        finally
        {
            elsewhere.Delete(recursive: true);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DotnetRunTestsOnSqlite(SqliteFactory factory) : DotnetRunTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class DotnetRunTestsOnPostgres(PostgresFactory factory) : DotnetRunTests(factory);
