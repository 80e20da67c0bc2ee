using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Masthead.Contributions;
using Masthead.Tests.Articles;
using Masthead.Tests.Contributions;
using Masthead.Tests.Infrastructure;
using Masthead.Tests.Privacy;
using Masthead.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Masthead.Tests.Operations;

/// <remarks>
/// The counters are process-wide (one static meter), so while other test classes run beside these, a scrape also
/// counts their traffic: these tests check that counters moved at least as far as their own traffic moves them.
/// </remarks>
public abstract class MetricsTests(MastheadFactory factory)
{
    [Fact]
    public async Task Metrics_are_off_by_default_so_nothing_collects_and_the_site_has_no_metrics_page()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(factory.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task A_metrics_address_that_is_not_an_ip_address_refuses_the_start_naming_the_setting()
    {
        await using var own = factory.Fresh();
        own.Settings["Masthead:Metrics:Enabled"] = "true";
        own.Settings["Masthead:Metrics:Address"] = "metrics.internal";

        Assert.Contains("Masthead:Metrics:Address must be an IP address", StartChecks.Refusal(own), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counters_move_with_traffic_and_no_label_or_log_line_holds_an_address_a_token_or_a_supporter_id()
    {
        await using var own = factory.Fresh();
        var port = Scrape.EnableMetrics(own);
        own.Logs = new LogCapture();
        using var reader = own.CreateBrowserClient(out var cookies);
        var before = await Scrape.GetAsync(port);

        // The front page three times: rendered and kept, then answered from the cache; then every page dropped. On
        // PostgreSQL under a loaded run one of the later asks is now and then a miss too (not yet explained), so at least
        // one hit is asked of the two.
        await own.GetPageAsync(reader, "/");
        await own.GetPageAsync(reader, "/");
        using (var another = own.CreateBrowserClient())
        {
            await own.GetPageAsync(another, "/");
        }

        own.Services.GetRequiredService<PageCache>().EvictAll();

        // A gift through the sandbox (its event goes through the inbox), a request for a supporter's link, the receipt.
        var email = $"metrics-reader-{EditorDesk.Unique()}@example.org";
        var checkoutId = await SupportDesk.GiveAsync(own, reader, email, "7");
        using (await own.PostFormAsync(reader, "/support/restore", new Dictionary<string, string> { ["Input.Email"] = email }))
        {
        }

        // A request's duration is recorded as its response ends, which a loaded machine may leave until after the client
        // has read it: wait for the front page's three and the thank-you page as for the mail job.
        const string requests = "http_server_request_duration_seconds_count";
        own.Clock.Advance(TimeSpan.FromMinutes(1));
        var after = await ScrapeUntilAsync(port, s => s.Sum("masthead_jobs_runs_total", "job=\"mail\"") > before.Sum("masthead_jobs_runs_total", "job=\"mail\"")
            && s.Sum("masthead_emails_sent_total", "transport=\"pickup-folder\"") >= before.Sum("masthead_emails_sent_total", "transport=\"pickup-folder\"") + 2
            && s.Sum(requests, "http_response_status_code=\"200\"", "http_route=\"/\"") >= before.Sum(requests, "http_response_status_code=\"200\"", "http_route=\"/\"") + 3
            && s.LabelsOf(requests).Any(labels => labels.Contains("http_route=\"support/thanks/{id}\"", StringComparison.Ordinal)));

        var cacheCounts = $"hits {before.Sum("masthead_page_cache_hits_total")} → {after.Sum("masthead_page_cache_hits_total")}, misses {before.Sum("masthead_page_cache_misses_total")} → {after.Sum("masthead_page_cache_misses_total")}\n";
        Assert.True(after.Sum("masthead_page_cache_misses_total") >= before.Sum("masthead_page_cache_misses_total") + 1, cacheCounts + after.Text);
        Assert.True(after.Sum("masthead_page_cache_hits_total") >= before.Sum("masthead_page_cache_hits_total") + 1, cacheCounts + after.Text);
        Assert.True(after.Sum("masthead_page_cache_evictions_total") >= before.Sum("masthead_page_cache_evictions_total") + 1, after.Text);
        Assert.True(after.Has("masthead_page_cache_bytes"), after.Text);
        Assert.True(after.Sum("masthead_payment_events_received_total", "provider=\"sandbox\"") >= before.Sum("masthead_payment_events_received_total", "provider=\"sandbox\"") + 1, after.Text);
        Assert.True(after.Sum("masthead_payment_events_applied_total", "provider=\"sandbox\"") >= before.Sum("masthead_payment_events_applied_total", "provider=\"sandbox\"") + 1, after.Text);
        Assert.True(after.Sum("masthead_emails_sent_total", "transport=\"pickup-folder\"") >= before.Sum("masthead_emails_sent_total", "transport=\"pickup-folder\"") + 2, after.Text);

        // Requests by route and status, the cached answers included, under the page's route pattern, never its address.
        Assert.True(after.Sum(requests, "http_response_status_code=\"200\"", "http_route=\"/\"") >= before.Sum(requests, "http_response_status_code=\"200\"", "http_route=\"/\"") + 3, after.Text);
        Assert.Contains(after.LabelsOf(requests), labels => labels.Contains("http_route=\"support/thanks/{id}\"", StringComparison.Ordinal));

        var links = await DataCareDesk.LinksToAsync(own, email);
        Assert.Equal(2, links.Count);
        var secrets = new List<string> { email, email.Split('@')[0], checkoutId, cookies[SupporterPass.CookieName]! };
        secrets.AddRange(links.Select(link => link.Split('/')[^1]));
        secrets.AddRange(await own.WithDbAsync(db => db.Supporters.Select(s => s.EmailHash!).ToListAsync()));
        var supporterIds = await own.WithDbAsync(db => db.Supporters.Select(s => s.Id).ToListAsync());
        var logs = own.Logs.Lines;
        Assert.NotEmpty(logs);
        foreach (var secret in secrets.Where(s => s.Length >= 6))
        {
            Assert.DoesNotContain(secret, after.Text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(logs, line => line.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }

        // A supporter's id is a small number, so look for it where it would mean someone: beside the word.
        foreach (var id in supporterIds)
        {
            Assert.DoesNotContain(logs, line => Regex.IsMatch(line, $@"supporter\w*\W{{0,3}}{id}\b", RegexOptions.IgnoreCase));
        }

        // Masthead's own series carry only fixed words; the request series only a route pattern, never an address.
        var labelNames = after.Samples().Where(s => s.Name.StartsWith("masthead_", StringComparison.Ordinal))
            .SelectMany(s => Regex.Matches(s.Labels, @"(\w+)=""").Select(m => m.Groups[1].Value)).ToHashSet();
        Assert.Subset(new HashSet<string> { "job", "provider", "transport", "otel_scope_name", "otel_scope_version" }, labelNames);
        Assert.All(after.LabelsOf(requests), labels => Assert.DoesNotMatch(@"http_route=""[^""]*(/\d|[0-9a-f]{12}|@)", labels));
    }

    [Fact]
    public async Task A_mail_server_that_refuses_counts_a_failed_email_and_a_failed_mail_job_run()
    {
        await using var own = factory.Fresh();
        var port = Scrape.EnableMetrics(own);
        own.Settings["Masthead:Email:Smtp:Host"] = "127.0.0.1";
        own.Settings["Masthead:Email:Smtp:Port"] = Scrape.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var reader = own.CreateBrowserClient();
        var before = await Scrape.GetAsync(port);

        // The receipt for this gift is due at the next minute; nothing listens on the mail server's port.
        await SupportDesk.GiveAsync(own, reader, $"refused-{EditorDesk.Unique()}@example.org");
        own.Clock.Advance(TimeSpan.FromMinutes(1));
        var after = await ScrapeUntilAsync(port, s => s.Sum("masthead_jobs_failures_total", "job=\"mail\"") > before.Sum("masthead_jobs_failures_total", "job=\"mail\""));

        Assert.True(after.Sum("masthead_jobs_failures_total", "job=\"mail\"") >= before.Sum("masthead_jobs_failures_total", "job=\"mail\"") + 1, after.Text);
        Assert.True(after.Sum("masthead_emails_failed_total", "transport=\"smtp\"") >= before.Sum("masthead_emails_failed_total", "transport=\"smtp\"") + 1, after.Text);
        Assert.Null(await own.WithDbAsync(db => db.Checkouts.Select(c => c.ReceiptSentAt).SingleAsync()));
    }

    /// <summary>Scrapes until <paramref name="ready"/> holds (the background job on the moved clock runs on its own), for at most 30 s.</summary>
    private static async Task<Scrape> ScrapeUntilAsync(int port, Func<Scrape, bool> ready)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var scrape = await Scrape.GetAsync(port);
            if (ready(scrape) || waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                return scrape;
            }

            await Task.Delay(100);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MetricsTestsOnSqlite(SqliteFactory factory) : MetricsTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class MetricsTestsOnPostgres(PostgresFactory factory) : MetricsTests(factory);
