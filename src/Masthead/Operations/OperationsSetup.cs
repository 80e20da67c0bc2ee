using Masthead.Settings;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Masthead.Operations;

/// <summary>
/// What an operator watches: <c>/health/live</c> and <c>/health/ready</c> for a load balancer or systemd, and, when
/// <c>Masthead:Metrics:Enabled</c>, a Prometheus scrape endpoint on its own port (<see cref="MetricsServer"/>).
/// </summary>
public static class OperationsSetup
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    private const string Ready = "ready";

    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseReady>("database", tags: [Ready], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<DataDirectoryWritable>("data directory", tags: [Ready], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<PersonalDataKeyReadable>("personal-data key", tags: [Ready]);

        // First of all startup filters, so before the host filtering the framework adds: a load balancer probes by address.
        services.Insert(0, ServiceDescriptor.Singleton<IStartupFilter, ProbesFirst>());

        services.AddSettings<MetricsOptions>("Masthead:Metrics");
        if (configuration.GetValue<bool>("Masthead:Metrics:Enabled"))
        {
            services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("masthead")).WithMetrics(metrics => metrics
                .AddMeter(MastheadMetrics.MeterName, "System.Runtime")
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter());
            services.AddHostedService<MetricsServer>();
        }

        return services;
    }

    /// <summary>Answers the probes ahead of the whole pipeline: no host filtering, page cache, session or error page in the way.</summary>
    private sealed class ProbesFirst : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, next) =>
            {
                if (context.Request.Path == LivePath || context.Request.Path == ReadyPath)
                {
                    MastheadMetrics.TagRoute(context, context.Request.Path.Value!);
                }

                return next(context);
            });
            app.UseHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
            app.UseHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready), ResponseWriter = WriteAsync });
            next(app);
        };
    }

    /// <summary>"Healthy", or "Unhealthy: database (migrations pending)": which check failed, never an exception's text.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        // The middleware already says "no-store, no-cache"; this is the one word every cache honours.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentType = "text/plain; charset=utf-8";
        var failed = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key} ({(e.Value.Exception is null ? e.Value.Description : "failed")})");
        var text = report.Status == HealthStatus.Healthy ? "Healthy\n" : $"{report.Status}: {string.Join(", ", failed)}\n";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }
}
