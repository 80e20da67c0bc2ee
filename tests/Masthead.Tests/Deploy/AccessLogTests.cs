using System.Diagnostics;
using System.Text.RegularExpressions;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Deploy;

/// <summary>
/// <c>Masthead:Logging:AccessLog</c> in a real process's console log: one line per request with method, route, status
/// and time, and nothing a reader could be followed by (query string, address, the path of an unmatched request);
/// and at the shipped log levels, no SQL.
/// </summary>
public abstract partial class AccessLogTests(MastheadFactory factory)
{
    private const string Secret = "secret-marker-7f3a";

    [Fact]
    public async Task The_access_log_names_method_route_status_and_time_and_never_the_query_string_the_address_or_SQL()
    {
        await using var own = factory.Fresh();
        own.Settings["Masthead:Newsroom:SeedDemo"] = "true";
        own.Settings["Masthead:Logging:AccessLog"] = "true";
        own.Settings["Logging:LogLevel:Default"] = "Information"; // as shipped (MastheadProcess otherwise says Warning)
        _ = own.Services; // creates the test's own database (PostgreSQL) before the process migrates it
        await using var masthead = await MastheadProcess.StartAsync(own.AppSettings(), await PublishedMasthead.AssemblyAsync(), workingDirectory: null);
        using var client = new HttpClient { BaseAddress = masthead.Address, Timeout = TimeSpan.FromSeconds(30) };

        var front = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        var article = Html.Parse(front).QuerySelectorAll("a[href^='/articles/']").Select(a => a.GetAttribute("href")!).First();
        (await client.GetAsync(new Uri($"{article}?utm_source={Secret}", UriKind.Relative))).Dispose();
        (await client.GetAsync(new Uri(article, UriKind.Relative))).Dispose();
        (await client.GetAsync(new Uri(article, UriKind.Relative))).Dispose();
        (await client.GetAsync(new Uri($"/site.css?v={Secret}", UriKind.Relative))).Dispose();
        (await client.GetAsync(new Uri($"/support/link/{Secret}", UriKind.Relative))).Dispose();
        (await client.GetAsync(new Uri($"/no-such-page-{Secret}", UriKind.Relative))).Dispose();
        (await client.GetAsync(new Uri($"/no/such/page-{Secret}", UriKind.Relative))).Dispose();
        (await client.GetAsync(new Uri($"/articles/no-such-article-{Secret}", UriKind.Relative))).Dispose();

        // The front page, the redirect and where it led, two more readings, and five more. The start-up probe,
        // /health/live, is answered ahead of everything, the access log included, as every probe is.
        var lines = await AccessLinesAsync(masthead, atLeast: 10);

        Assert.Contains(lines, line => line.Names("GET /articles/{slug} 200"));
        Assert.Contains(lines, line => line.Names($"GET {article} 200")); // the second reading, from the page cache
        Assert.Contains(lines, line => line.Names("GET /site.css 200"));
        Assert.Contains(lines, line => line.Message.StartsWith("GET /support/link/{token} ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Names("GET /{slug:sitepage} 404")); // a standalone page's address, none there
        Assert.Contains(lines, line => line.Names("GET (no route) 404"));
        Assert.Contains(lines, line => line.Names("GET /articles/{slug} 404"));
        Assert.DoesNotContain(lines, line => line.Message.Contains("/error", StringComparison.Ordinal));
        Assert.DoesNotContain("Microsoft.EntityFrameworkCore.Database.Command", masthead.OutputTail, StringComparison.Ordinal);
        Assert.DoesNotContain("SELECT ", masthead.OutputTail, StringComparison.Ordinal);
        Assert.All(lines, line =>
        {
            Assert.Matches(Fields(), line.Message);
            Assert.DoesNotContain(Secret, line.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("utm_source", line.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("127.0.0.1", line.Message, StringComparison.Ordinal);
        });
    }

    private static async Task<List<AccessLine>> AccessLinesAsync(MastheadProcess masthead, int atLeast)
    {
        // The console logger writes on its own thread: wait, boundedly, for the lines to arrive.
        var waited = Stopwatch.StartNew();
        List<AccessLine> lines;
        do
        {
            // The console's simple format: "info: Masthead.Web.AccessLog[1]", the message on the next line.
            var output = masthead.OutputTail.Split('\n');
            lines = output.Index()
                .Where(line => line.Item.EndsWith("Masthead.Web.AccessLog[1]", StringComparison.Ordinal) && line.Index + 1 < output.Length)
                .Select(line => new AccessLine(output[line.Index + 1].Trim()))
                .ToList();
            if (lines.Count >= atLeast)
            {
                return lines;
            }

            await Task.Delay(100);
        }
        while (waited.Elapsed < TimeSpan.FromSeconds(10));

        Assert.Fail($"{lines.Count} access log lines after 10 s, expected {atLeast}:\n{masthead.OutputTail}");
        return lines;
    }

    private sealed record AccessLine(string Message)
    {
        /// <summary>"GET /route 200" followed by the time, e.g. "GET /route 200 1.4 ms".</summary>
        public bool Names(string methodRouteStatus) =>
            Message.StartsWith(methodRouteStatus + " ", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^(GET|HEAD|POST) (/\S*|\(no route\)) \d{3} \d+\.\d ms$")]
    private static partial Regex Fields();
}

[Collection(SqliteCollection.Name)]
public sealed class AccessLogTestsOnSqlite(SqliteFactory factory) : AccessLogTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class AccessLogTestsOnPostgres(PostgresFactory factory) : AccessLogTests(factory);
