using System.Net;
using System.Text.Json;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Operations;

/// <summary>The real program, as an operator starts it: the metrics port, probes by address, JSON logs.</summary>
public sealed class OperationsProcessTests
{
    [Fact]
    public async Task Metrics_switched_on_are_served_on_their_own_port_and_the_probes_answer_a_balancer_that_asks_by_address()
    {
        await using var data = new SqliteFactory();
        var port = Scrape.FreePort();
        var settings = new Dictionary<string, string?>(data.AppSettings())
        {
            ["Masthead:Newsroom:BaseUrl"] = "https://news.example",
            ["Masthead:Metrics:Enabled"] = "true",
            ["Masthead:Metrics:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        await using var masthead = await MastheadProcess.StartAsync(settings);
        using var client = new HttpClient { BaseAddress = masthead.Address, Timeout = TimeSpan.FromSeconds(30) };

        using (var site = await client.GetAsync(new Uri("/", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, site.StatusCode);
        }

        using (var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        using (var onSitePort = await client.GetAsync(new Uri("/metrics", UriKind.Relative)))
        {
            Assert.NotEqual(HttpStatusCode.OK, onSitePort.StatusCode);
        }

        var scrape = await Scrape.GetAsync(port);
        Assert.Contains(scrape.LabelsOf("http_server_request_duration_seconds_count"), labels => labels.Contains("http_response_status_code=\"400\"", StringComparison.Ordinal));
        Assert.True(scrape.Has("masthead_page_cache_bytes"), scrape.Text);
    }

    [Fact]
    public async Task The_documented_switch_makes_every_console_log_line_a_json_object()
    {
        await using var data = new SqliteFactory();
        var settings = new Dictionary<string, string?>(data.AppSettings())
        {
            ["Logging:Console:FormatterName"] = "json",
            ["Logging:LogLevel:Default"] = "Information",
        };
        await using var masthead = await MastheadProcess.StartAsync(settings);

        var lines = masthead.OutputTail.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        var entries = lines.Select(line => JsonDocument.Parse(line)).ToList();
        Assert.Contains(entries, entry => entry.RootElement.GetProperty("Category").GetString() == "Microsoft.Hosting.Lifetime"
            && entry.RootElement.GetProperty("Message").GetString()!.StartsWith("Now listening on", StringComparison.Ordinal));
        entries.ForEach(entry => entry.Dispose());
    }
}
