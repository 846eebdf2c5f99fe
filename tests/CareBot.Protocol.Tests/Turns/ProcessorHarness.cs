using CareBot.Protocol.Middleware;
using CareBot.Protocol.Transcripts;
using CareBot.Protocol.Turns;
using CareBot.Testing.Turns;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CareBot.Protocol.Tests.Turns;

/// <summary>A <see cref="BotTurnProcessor"/> with in-memory stores, a recording connector and a manual clock.</summary>
internal sealed class ProcessorHarness
{
    public ProcessorHarness(
        IBot bot,
        DeduplicationOptions? options = null,
        IActivityOutcomeStore? store = null,
        TimeProvider? time = null,
        IStorageFailureClassifier? storageFailures = null)
    {
        Options = options ?? new DeduplicationOptions();
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 14, 0, 0, TimeSpan.Zero));
        Store = store ?? new InMemoryActivityOutcomeStore(Time, Microsoft.Extensions.Options.Options.Create(Options));
        var deduplicator = new ActivityDeduplicator(Store, Time, Microsoft.Extensions.Options.Options.Create(Options), NullLogger<ActivityDeduplicator>.Instance);
        var transcript = new TranscriptMiddleware(Transcripts, Time, NullLogger<TranscriptMiddleware>.Instance);
        Processor = new BotTurnProcessor(deduplicator, new TurnPipeline([transcript], bot), Connector,
            storageFailures is null ? [] : [storageFailures], NullLogger<BotTurnProcessor>.Instance);
    }

    public DeduplicationOptions Options { get; }

    public TimeProvider Time { get; }

    public IActivityOutcomeStore Store { get; }

    public RecordingConnectorClient Connector { get; } = new();

    public InMemoryTranscriptStore Transcripts { get; } = new();

    public BotTurnProcessor Processor { get; }
}
