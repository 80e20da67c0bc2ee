using System.Diagnostics.Metrics;
using System.Net;
using Masthead.Web;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Masthead.Operations;

/// <summary>
/// The Prometheus scrape endpoint, <c>GET /metrics</c>, on a small Kestrel server of its own at
/// <see cref="MetricsOptions.Address"/>:<see cref="MetricsOptions.Port"/>. Its own server, not another endpoint of the
/// site's: Kestrel drops the configured URLs (<c>--urls</c>, <c>ASPNETCORE_URLS</c>) as soon as code adds a listener,
/// and this server has no host filtering, no page cache and nothing of the site's pipeline to be refused by.
/// </summary>
internal sealed class MetricsServer(MeterProvider meterProvider, IMeterFactory meters, PageCache cache, IOptions<MetricsOptions> options) : IHostedService, IAsyncDisposable
{
    private WebApplication? _server;
    private Meter? _gauges;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Observed, not counted: the cache's own totals are the truth, and a gauge reads them only when scraped.
        _gauges = meters.Create(MastheadMetrics.MeterName);
        _gauges.CreateObservableGauge("masthead.page_cache.bytes", () => cache.Bytes, "By", "Memory held by cached pages, all encodings counted");
        _gauges.CreateObservableGauge("masthead.page_cache.pages", () => cache.Count, "{page}", "Pages in the cache");

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Parse(options.Value.Address), options.Value.Port);
        });
        builder.Services.AddOptions();
        _server = builder.Build();

        // Scrapes are not the site's traffic: they stay out of the request metrics.
        _server.Use((context, next) =>
        {
            if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMetricsTagsFeature>() is { } metrics)
            {
                metrics.MetricsDisabled = true;
            }

            return next(context);
        });
        _server.UseOpenTelemetryPrometheusScrapingEndpoint(meterProvider, predicate: null, path: "/metrics", configureBranchedPipeline: null, optionsName: null);
        _server.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return context.Response.WriteAsync("Only /metrics is served here.\n", context.RequestAborted);
        });
        await _server.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _gauges?.Dispose();
    }
}
