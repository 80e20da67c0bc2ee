using System.Collections.Concurrent;
using System.Diagnostics;
using Masthead.Data;
using Masthead.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Masthead.Tests.Jobs;

/// <summary>
/// A node for the job host's tests: a real .NET host with Masthead's <see cref="JobHost"/>, its data services and one job,
/// the probe, whose runs the test scripts and counts. Several nodes on one database with one clock are several app
/// nodes whose clocks agree.
/// </summary>
public sealed class JobNode : IAsyncDisposable
{
    private readonly IHost _host;

    private JobNode(IHost host, string probe, ConcurrentQueue<Func<CancellationToken, Task>> script, ConcurrentQueue<string> logged) =>
        (_host, Probe, Script, Logged) = (host, probe, script, logged);

    /// <summary>The probe job's name: unique per test, since tests share a database.</summary>
    public string Probe { get; }

    /// <summary>What each run of the probe does; it runs in the host's scope. Runs without one succeed.</summary>
    public ConcurrentQueue<Func<CancellationToken, Task>> Script { get; }

    /// <summary>Errors and warnings the host logged, as formatted messages.</summary>
    public ConcurrentQueue<string> Logged { get; }

    public JobHost Jobs => _host.Services.GetRequiredService<JobHost>();

    public JobState ProbeState => Jobs.State(Probe);

    public JobLeases Leases => _host.Services.GetRequiredService<JobLeases>();

    public JobNotifications Notifications => _host.Services.GetRequiredService<JobNotifications>();

    /// <summary>A started node. Without a database a node runs on SQLite's terms: no leases, no notifications, no database call.</summary>
    public static async Task<JobNode> StartAsync(FakeTimeProvider clock, TimeSpan interval, string probe = "probe", IReadOnlyDictionary<string, string?>? database = null,
        IEnumerable<Func<CancellationToken, Task>>? script = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(database ?? new Dictionary<string, string?> { ["Masthead:Database:Provider"] = "Sqlite" });
        builder.Services.AddSingleton<TimeProvider>(clock);
        if (database is null)
        {
            builder.Services.AddOptions<DatabaseOptions>().BindConfiguration("Masthead:Database");
        }
        else
        {
            builder.Services.AddData(builder.Configuration);
        }
        var steps = new ConcurrentQueue<Func<CancellationToken, Task>>(script ?? []);
        builder.Services.AddPeriodicJob(probe, interval, (_, cancellationToken) => steps.TryDequeue(out var step) ? step(cancellationToken) : Task.CompletedTask);
        var logged = new ConcurrentQueue<string>();
        builder.Logging.AddProvider(new Sink(logged));
        var node = new JobNode(builder.Build(), probe, steps, logged);
        await node._host.StartAsync();
        return node;
    }

    public Task StopAsync() => _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>Waits (at most ten seconds of real time) until <paramref name="condition"/> holds; fails with <paramref name="what"/> otherwise.</summary>
    public static Task UntilAsync(Func<bool> condition, Func<string> what) => UntilAsync(() => Task.FromResult(condition()), what);

    /// <inheritdoc cref="UntilAsync(Func{bool}, Func{string})"/>
    public static async Task UntilAsync(Func<Task<bool>> condition, Func<string> what)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(10))
            {
                Assert.Fail($"Still not so after 10 s: {what()}");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Waits until <paramref name="job"/> has run at <paramref name="at"/> or later and waits for its next time, with its timer set.</summary>
    public Task SettledAsync(string job, DateTimeOffset at) =>
        UntilAsync(() => Jobs.State(job) is { Waiting: true } state && state.NextRunAt > at, () => $"{job} at {at:HH:mm:ss}: {Jobs.State(job)}");

    /// <summary>Waits until the probe has started <paramref name="runs"/> runs here and waits for the next, with its timer set.</summary>
    public Task UntilIdleAfterAsync(long runs) =>
        UntilAsync(() => ProbeState is { Waiting: true } state && state.Runs == runs, () => $"probe after {runs} runs: {ProbeState}; logged: {string.Join(" | ", Logged)}");

    /// <summary>Keeps the host's error and warning lines.</summary>
    private sealed class Sink(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Lines(lines);

        public void Dispose()
        {
        }

        private sealed class Lines(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    lines.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}
