using Microsoft.Extensions.Logging;

namespace CareBot.Testing.Hosting;

/// <summary>One entry a <see cref="CollectingLoggerProvider"/> kept.</summary>
public sealed record LogEntry(string Category, LogLevel Level, int EventId, string Message, Exception? Exception);
