using Masthead.Operations;

namespace Masthead.Jobs;

/// <summary>
/// Runs every registered <see cref="PeriodicJob"/> on the injected clock: once at start, then every interval, and at once
/// when woken. A run that throws is logged and retried after 1 s, 2 s, 4 s… at most the job's interval; wake-ups meanwhile
/// wait for that retry. On PostgreSQL a job runs only on the node holding its lease (<see cref="JobLeases"/>), and a
/// wake-up reaches every node (<see cref="JobNotifications"/>). Stopping cancels the runs and gives the leases back.
/// </summary>
public sealed partial class JobHost : BackgroundService
{
    /// <summary>The built-in job that renews and takes leases (on PostgreSQL only).</summary>
    public const string LeaseKeeper = "job-leases";

    /// <summary>The first retry's delay after a failure; each further failure in a row doubles it.</summary>
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, JobLoop> _loops;
    private readonly IServiceScopeFactory _scopes;
    private readonly JobLeases _leases;
    private readonly JobNotifications _notifications;
    private readonly TimeProvider _clock;
    private readonly ILogger<JobHost> _logger;
    private bool _leasesKeptOnce;

    public JobHost(IEnumerable<PeriodicJob> jobs, IServiceScopeFactory scopes, JobLeases leases, JobNotifications notifications, TimeProvider clock, ILogger<JobHost> logger)
    {
        (_scopes, _leases, _notifications, _clock, _logger) = (scopes, leases, notifications, clock, logger);
        var all = jobs.ToList();
        if (leases.Enabled && all.Any(j => !j.EveryNode))
        {
            all.Add(new PeriodicJob(LeaseKeeper, JobLeases.RenewEvery, (_, cancellationToken) => KeepLeasesAsync(cancellationToken), EveryNode: true));
        }

        var start = clock.GetUtcNow();
        _loops = all.ToDictionary(j => j.Name, j => new JobLoop(j, start), StringComparer.Ordinal);
    }

    /// <summary>What <paramref name="job"/> has done on this node.</summary>
    public JobState State(string job) => Loop(job).State;

    /// <summary>
    /// Runs <paramref name="job"/> now, on whichever node holds its lease: this node's loop is woken, and on PostgreSQL the
    /// other nodes are notified unless this node holds the lease itself. Call it after storing work the job should do.
    /// </summary>
    public async Task WakeAsync(string job, CancellationToken cancellationToken)
    {
        var loop = Loop(job);
        loop.Wake();
        if (loop.Job.EveryNode || !_leases.Holds(job))
        {
            await _notifications.NotifyAsync(job, cancellationToken);
        }
    }

    /// <summary>The delay before retry number <paramref name="failures"/>: 1 s doubling, at most <paramref name="max"/>.</summary>
    public static TimeSpan Backoff(int failures, TimeSpan max)
    {
        var delay = FirstRetry;
        for (var i = 1; i < failures && delay < max; i++)
        {
            delay *= 2;
        }

        return delay < max ? delay : max;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = _loops.Values.Select(loop => RunLoopAsync(loop, stoppingToken)).ToList();
        if (_notifications.Enabled)
        {
            running.Add(_notifications.ListenAsync(
                job => { if (_loops.TryGetValue(job, out var loop)) { loop.Wake(); } },
                () => { foreach (var loop in _loops.Values) { loop.Wake(); } },
                stoppingToken));
        }

        try
        {
            await Task.WhenAll(running);
        }
        finally
        {
            await ReleaseLeasesAsync();
        }
    }

    private JobLoop Loop(string job) =>
        _loops.TryGetValue(job, out var loop) ? loop : throw new InvalidOperationException($"No job named {job} is registered.");

    private async Task RunLoopAsync(JobLoop loop, CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var woken = await loop.WaitAsync(_clock, stopping);
                if (woken && loop.State.FailuresInARow > 0)
                {
                    // Backing off: the retry is already set for no later than the next interval; a wake-up does not hurry it.
                    continue;
                }

                await RunOnceAsync(loop, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Every run of every job passes here: the one place where a run starts, succeeds or fails (count them here).</summary>
    private async Task RunOnceAsync(JobLoop loop, CancellationToken stopping)
    {
        var job = loop.Job;
        var started = _clock.GetUtcNow();
        try
        {
            // Asked of the database before every run, not of this node's record: a node whose lease was taken over (after a
            // long pause, or with a clock that disagrees) learns it here and leaves the run to the new holder.
            if (!job.EveryNode && _leases.Enabled && !await _leases.TakeAsync(job.Name, stopping))
            {
                loop.Update(s => s with { Skipped = s.Skipped + 1, NextRunAt = started + job.Interval });
                return;
            }

            loop.Update(s => s with { Runs = s.Runs + 1, LastRunAt = started });
            await using (var scope = _scopes.CreateAsyncScope())
            {
                await job.Run(scope.ServiceProvider, stopping);
            }

            MastheadMetrics.JobRan(job.Name);
            if (loop.State.FailuresInARow > 0)
            {
                LogRecovered(_logger, job.Name, loop.State.FailuresInARow);
            }

            loop.Update(s => s with { FailuresInARow = 0, NextRunAt = _clock.GetUtcNow() + job.Interval });
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            MastheadMetrics.JobFailed(job.Name);
            loop.Update(s => s with { Failures = s.Failures + 1, FailuresInARow = s.FailuresInARow + 1 });
            var delay = Backoff(loop.State.FailuresInARow, job.Interval);
            loop.Update(s => s with { NextRunAt = _clock.GetUtcNow() + delay });
            LogFailed(_logger, exception, job.Name, loop.State.FailuresInARow, delay);
        }
    }

    /// <summary>
    /// Renews the leases this node holds and takes the expired ones. A job whose lease is new here runs at once, for the work
    /// its last holder left; except on the first pass, since every job runs at start anyway.
    /// </summary>
    private async Task KeepLeasesAsync(CancellationToken cancellationToken)
    {
        foreach (var loop in _loops.Values.Where(l => !l.Job.EveryNode))
        {
            var had = _leases.Holds(loop.Job.Name);
            if (await _leases.TakeAsync(loop.Job.Name, cancellationToken) && !had && _leasesKeptOnce)
            {
                LogLeaseTaken(_logger, loop.Job.Name, _leases.NodeId);
                loop.Wake();
            }
        }

        _leasesKeptOnce = true;
    }

    private async Task ReleaseLeasesAsync()
    {
        if (!_leases.Enabled)
        {
            return;
        }

        try
        {
            // Bounded: a database that is down at shutdown must not hold the stop up; the leases then simply expire.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _leases.ReleaseAllAsync(timeout.Token);
        }
        catch (Exception exception)
        {
            LogReleaseFailed(_logger, exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Job} failed ({FailuresInARow} in a row); trying again in {Delay}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string job, int failuresInARow, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} ran again after {Failures} failures")]
    private static partial void LogRecovered(ILogger logger, string job, int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} now runs on this node ({Node})")]
    private static partial void LogLeaseTaken(ILogger logger, string job, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not give back the job leases at shutdown ({Reason}); they expire by themselves")]
    private static partial void LogReleaseFailed(ILogger logger, string reason);
}
