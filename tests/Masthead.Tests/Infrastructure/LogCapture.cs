using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Masthead.Tests.Infrastructure;

/// <summary>
/// Every log entry the app writes, of every category and level, as text: the message, each structured value (what a
/// JSON formatter would print beside it) and the exception. Give one to a factory before it starts
/// (<c>own.Logs = new LogCapture();</c>); it keeps the last 20,000 entries.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private const int Capacity = 20_000;
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        _lines.Enqueue(line);
        while (_lines.Count > Capacity && _lines.TryDequeue(out _))
        {
        }
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            owner.Add($"{logLevel} {category}: {formatter(state, exception)} | {values} | {exception}");
        }
    }
}
