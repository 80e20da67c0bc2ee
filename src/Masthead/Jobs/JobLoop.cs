using System.Threading.Channels;

namespace Masthead.Jobs;

/// <summary>What one job has done on this node so far.</summary>
/// <param name="Runs">Runs started here (failed ones included).</param>
/// <param name="Failures">Runs that threw, and lease checks that did (the database was down before the run could start).</param>
/// <param name="Skipped">Times the job was due or woken here while another node held its lease.</param>
/// <param name="FailuresInARow">Failures since the last run that worked; sets the back-off.</param>
/// <param name="LastRunAt">When the last run here started.</param>
/// <param name="NextRunAt">When the job is next due here, on the app's clock.</param>
/// <param name="Waiting">Idle with its timer set, so a move of the clock or a wake-up is seen.</param>
public sealed record JobState(long Runs, long Failures, long Skipped, int FailuresInARow, DateTimeOffset? LastRunAt, DateTimeOffset NextRunAt, bool Waiting);

/// <summary>One job's wake-up signal and state. Wake-ups while it runs collapse into one more run, so a burst costs a run or two.</summary>
internal sealed class JobLoop(PeriodicJob job, DateTimeOffset start)
{
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock _lock = new();
    private JobState _state = new(0, 0, 0, 0, null, start, Waiting: false);

    public PeriodicJob Job => job;

    public JobState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    public void Wake() => _signal.Writer.TryWrite(true);

    public void Update(Func<JobState, JobState> change)
    {
        lock (_lock)
        {
            _state = change(_state);
        }
    }

    /// <summary>Waits until <see cref="JobState.NextRunAt"/> on <paramref name="clock"/> or a wake-up; true when woken.</summary>
    public async Task<bool> WaitAsync(TimeProvider clock, CancellationToken stopping)
    {
        var delay = State.NextRunAt - clock.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            // Due already: a wake-up that came meanwhile is served by this run.
            _signal.Reader.TryRead(out _);
            return false;
        }

        using var due = new CancellationTokenSource(delay, clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(due.Token, stopping);
        Update(s => s with { Waiting = true });
        try
        {
            await _signal.Reader.WaitToReadAsync(either.Token);
            _signal.Reader.TryRead(out _);
            return true;
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            Update(s => s with { Waiting = false });
        }
    }
}
