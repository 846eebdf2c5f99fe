using Microsoft.Extensions.Logging;

namespace CareBot.Care.Embeddings;

/// <summary>Source-generated log messages of CareBot.Care.Embeddings (event ids 9950-9989).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 9950, Level = LogLevel.Information, Message = "Triage embeddings: MiniLM encoder loaded in {Milliseconds} ms; it decides complaint where the care model's probability is in [{UnsureFrom}, {UnsureTo}), at {Threshold}")]
    public static partial void EncoderLoaded(ILogger logger, long milliseconds, double unsureFrom, double unsureTo, double threshold);

    [LoggerMessage(EventId = 9951, Level = LogLevel.Warning, Message = "Triage embeddings: the MiniLM encoder cannot be loaded; the care model decides alone (as with Triage:Embeddings:Enabled false)")]
    public static partial void EncoderUnavailable(ILogger logger, Exception exception);
}
