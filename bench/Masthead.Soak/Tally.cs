using System.Collections.Concurrent;

namespace Masthead.Soak;

/// <summary>What happened, per kind of traffic: operations, HTTP requests, errors, and each operation's latency by minute.</summary>
internal sealed class Tally
{
    private readonly ConcurrentDictionary<string, Counts> _kinds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(int Minute, string Kind), ConcurrentBag<double>> _latencies = new();
    private readonly ConcurrentDictionary<int, long> _errorsByMinute = new();

    public sealed class Counts
    {
        public long Operations;
        public long Requests;
        public long Errors;
        public long Skipped;
        public ConcurrentQueue<string> FirstErrors { get; } = new();
    }

    public Counts Of(string kind) => _kinds.GetOrAdd(kind, _ => new Counts());

    public void Request(string kind) => Interlocked.Increment(ref Of(kind).Requests);

    public void Done(string kind, int minute, double milliseconds)
    {
        Interlocked.Increment(ref Of(kind).Operations);
        _latencies.GetOrAdd((minute, kind), _ => []).Add(milliseconds);
    }

    public void Failed(string kind, int minute, string message)
    {
        _errorsByMinute.AddOrUpdate(minute, 1, (_, n) => n + 1);
        var counts = Of(kind);
        Interlocked.Increment(ref counts.Errors);
        if (counts.FirstErrors.Count < 5)
        {
            counts.FirstErrors.Enqueue(message);
        }
    }

    public void Skipped(string kind) => Interlocked.Increment(ref Of(kind).Skipped);

    public long Operations => _kinds.Values.Sum(k => k.Operations);

    public long Errors => _kinds.Values.Sum(k => k.Errors);

    public long ErrorsIn(int minute) => _errorsByMinute.GetValueOrDefault(minute);

    public int Minutes => _latencies.IsEmpty ? 0 : _latencies.Keys.Max(k => k.Minute) + 1;

    /// <summary>The latencies of <paramref name="minute"/> for the kinds matching <paramref name="kinds"/>.</summary>
    public List<double> Latencies(int minute, Func<string, bool> kinds) =>
        [.. _latencies.Where(l => l.Key.Minute == minute && kinds(l.Key.Kind)).SelectMany(l => l.Value)];

    public List<double> Latencies(string kind) => [.. _latencies.Where(l => l.Key.Kind == kind).SelectMany(l => l.Value)];

    public static double Percentile(List<double> values, double percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        values.Sort();
        return values[Math.Clamp((int)Math.Ceiling(percentile / 100 * values.Count) - 1, 0, values.Count - 1)];
    }
}
