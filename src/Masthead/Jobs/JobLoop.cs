using System.Threading.Channels;

namespace Masthead.Jobs;

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
