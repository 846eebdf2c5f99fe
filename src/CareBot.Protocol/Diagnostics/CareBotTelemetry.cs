using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CareBot.Protocol.Diagnostics;

/// <summary>
/// CareBot's one <see cref="Meter"/> and one <see cref="ActivitySource"/>, both named <c>CareBot</c>, and the instruments
/// every project records on. Defined once here because every project but Dialogs references Protocol; the dialog engine
/// stays free of telemetry (it is a pure function). Without a listener (no exporter configured) each call costs almost
/// nothing. The instrument names follow OpenTelemetry's conventions; Prometheus shows them with <c>.</c> as <c>_</c> and
/// counters ending in <c>_total</c> (e.g. <c>carebot_turns_total</c>).
/// </summary>
public static class CareBotTelemetry
{
    /// <summary>The name of the meter and the activity source, for exporters to subscribe to.</summary>
    public const string Name = "CareBot";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Inbound activities processed; tags <c>channel</c>, <c>visibility</c> (public/private), <c>outcome</c> (HTTP status).</summary>
    public static readonly Counter<long> Turns = Meter.CreateCounter<long>("carebot.turns", "{turn}", "Inbound activities processed.");

    /// <summary>Time to process one inbound activity, in milliseconds; tags as <see cref="Turns"/>.</summary>
    public static readonly Histogram<double> TurnDuration = Meter.CreateHistogram<double>("carebot.turn.duration", "ms", "Time to process one inbound activity.");

    /// <summary>Time to triage one customer message (sentiment, signals, priority), in milliseconds.</summary>
    public static readonly Histogram<double> TriageDuration = Meter.CreateHistogram<double>("carebot.triage.duration", "ms", "Time to triage one customer message.");

    /// <summary>Public posts the bot answered in public; tag <c>channel</c>.</summary>
    public static readonly Counter<long> PublicAcknowledgments = Meter.CreateCounter<long>("carebot.public_acknowledgments", "{reply}", "Public posts answered in public.");

    /// <summary>Moves from a public post to a private conversation that turns asked for; tag <c>channel</c>.</summary>
    public static readonly Counter<long> TakeOfflineAttempts = Meter.CreateCounter<long>("carebot.take_offline.attempts", "{attempt}", "Moves to a private conversation requested.");

    /// <summary>How those moves ended; tag <c>result</c> (opened, failed).</summary>
    public static readonly Counter<long> TakeOfflineResults = Meter.CreateCounter<long>("carebot.take_offline.results", "{result}", "Moves to a private conversation carried out or given up.");

    /// <summary>Hand-offs to people (each opens a case); tags <c>queue</c> and <c>priority</c>.</summary>
    public static readonly Counter<long> Handoffs = Meter.CreateCounter<long>("carebot.handoffs", "{handoff}", "Hand-offs to people.");

    /// <summary>Cases opened.</summary>
    public static readonly Counter<long> CasesOpened = Meter.CreateCounter<long>("carebot.cases.opened", "{case}", "Cases opened.");

    /// <summary>Cases claimed by an agent.</summary>
    public static readonly Counter<long> CasesClaimed = Meter.CreateCounter<long>("carebot.cases.claimed", "{case}", "Cases claimed by an agent.");

    /// <summary>Cases resolved.</summary>
    public static readonly Counter<long> CasesResolved = Meter.CreateCounter<long>("carebot.cases.resolved", "{case}", "Cases resolved.");

    /// <summary>Outbox messages delivered; tag <c>kind</c>.</summary>
    public static readonly Counter<long> OutboxDeliveries = Meter.CreateCounter<long>("carebot.outbox.deliveries", "{message}", "Outbox messages delivered.");

    /// <summary>Outbox deliveries that failed and were scheduled again; tag <c>kind</c>.</summary>
    public static readonly Counter<long> OutboxRetries = Meter.CreateCounter<long>("carebot.outbox.retries", "{message}", "Outbox deliveries scheduled for a retry.");

    /// <summary>Outbox messages given up on (dead letters); tag <c>kind</c>.</summary>
    public static readonly Counter<long> OutboxDeadLetters = Meter.CreateCounter<long>("carebot.outbox.dead_letters", "{message}", "Outbox messages given up on.");

    /// <summary>
    /// Messages the MiniLM stage of triage was asked to judge; tag <c>outcome</c>: judged, busy (it waited too long for
    /// the encoder; the care model decided) or unavailable (the encoder cannot load; the care model decided).
    /// </summary>
    public static readonly Counter<long> TriageEmbeddings = Meter.CreateCounter<long>("carebot.triage.embeddings", "{message}", "Messages the MiniLM stage of triage was asked to judge.");

    /// <summary>Open Direct Line WebSocket streams.</summary>
    public static readonly UpDownCounter<long> DirectLineConnections = Meter.CreateUpDownCounter<long>("carebot.directline.connections", "{connection}", "Open Direct Line WebSocket streams.");

    /// <summary>Milliseconds since <paramref name="startTimestamp"/> (from <see cref="Stopwatch.GetTimestamp()"/>).</summary>
    public static double MillisecondsSince(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
}
