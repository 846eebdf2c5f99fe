using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CareBot.Protocol.Tests.Connector;

/// <summary>Keeps every log entry (level, event id, structured fields) so tests can check what was logged.</summary>
internal sealed class ListLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new ListLogger(this);

    public void Dispose()
    {
    }

    internal sealed record LogEntry(LogLevel Level, EventId EventId, IReadOnlyDictionary<string, object?> Fields, string Message);

    private sealed class ListLogger(ListLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value)
                : [];
            provider.Entries.Enqueue(new LogEntry(logLevel, eventId, fields, formatter(state, exception)));
        }
    }
}
