using CareBot.Protocol.Auth;
using System.Diagnostics;
using CareBot.Protocol.Connector;
using CareBot.Protocol.Diagnostics;
using CareBot.Protocol.Middleware;
using CareBot.Protocol.Schema;
using Microsoft.Extensions.Logging;
using Activity = CareBot.Protocol.Schema.Activity;

namespace CareBot.Protocol.Turns;

/// <summary>
/// The turn recipe for one authenticated inbound activity, shared by every way an activity arrives: the HTTP endpoint
/// <c>POST /api/messages</c> and the in-process Direct Line channel. It never throws for a failed turn: the result says
/// what to answer.
/// </summary>
public sealed class BotTurnProcessor
{
    private static readonly string FailedTurnBody = ActivityJson.Serialize(new ErrorResponse(
        "BotError", "The bot failed to process this activity; the failure was logged. Retry later."));

    private static readonly string StorageUnavailableBody = ActivityJson.Serialize(new ErrorResponse(
        "StorageUnavailable", "The bot's storage is unavailable for the moment; retry this activity later."));

    private readonly ActivityDeduplicator _deduplicator;
    private readonly TurnPipeline _pipeline;
    private readonly IConnectorClient _connector;
    private readonly IStorageFailureClassifier[] _storageFailures;
    private readonly ILogger<BotTurnProcessor> _logger;

    public BotTurnProcessor(
        ActivityDeduplicator deduplicator,
        TurnPipeline pipeline,
        IConnectorClient connector,
        IEnumerable<IStorageFailureClassifier> storageFailures,
        ILogger<BotTurnProcessor> logger)
    {
        ArgumentNullException.ThrowIfNull(deduplicator);
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(storageFailures);
        ArgumentNullException.ThrowIfNull(logger);
        _deduplicator = deduplicator;
        _pipeline = pipeline;
        _connector = connector;
        _storageFailures = [.. storageFailures];
        _logger = logger;
    }

    /// <summary>
    /// Processes <paramref name="activity"/> (already authenticated as <paramref name="identity"/>) and returns the HTTP
    /// answer: 200 (empty), 200 with <c>{"activities":[...]}</c> for <c>expectReplies</c>, the bot's invoke response or
    /// 501 for an invoke, the stored outcome for a redelivery, 409 while a redelivery's original is still running, 503
    /// with <see cref="TurnResult.RetryAfter"/> when the storage is unavailable for now (see
    /// <see cref="IStorageFailureClassifier"/>), and 500 with a short JSON error when the bot failed. Cancellation propagates as <see cref="OperationCanceledException"/>.
    /// </summary>
    public Task<TurnResult> ProcessAsync(Activity activity, ChannelIdentity identity, CancellationToken cancellationToken) =>
        ProcessAsync(activity, identity, origin: null, cancellationToken);

    /// <summary>As <see cref="ProcessAsync(Activity, ChannelIdentity, CancellationToken)"/>, for an activity that came over HTTP.</summary>
    /// <param name="activity">The inbound activity.</param>
    /// <param name="identity">Who sent it, as its token proved.</param>
    /// <param name="origin">The origin the request came in on, for links to files the bot keeps (see <see cref="TurnContext.Origin"/>).</param>
    /// <param name="cancellationToken">Cancels the turn.</param>
    public async Task<TurnResult> ProcessAsync(Activity activity, ChannelIdentity identity, string? origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(identity);

        // 1. Who sent it comes from the token, never from the wire: a forged callerId is overwritten (null when anonymous).
        activity.CallerId = identity.CallerId;

        // The turn's log lines quote values from the wire: made safe once (no line breaks, bounded length).
        var (type, id, channelId) = (LogSanitizer.Sanitize(activity.Type), LogSanitizer.Sanitize(activity.Id), LogSanitizer.Sanitize(activity.ChannelId));
        var deliveryMode = LogSanitizer.Sanitize(activity.DeliveryMode);
        Log.TurnStarted(_logger, type, id, channelId, deliveryMode);
        using var span = CareBotTelemetry.Source.StartActivity("turn", ActivityKind.Server);
        span?.SetTag("carebot.channel", channelId).SetTag("carebot.activity.type", type);
        var started = Stopwatch.GetTimestamp();
        var result = await AnswerAsync(activity, identity, type, id, channelId, origin, cancellationToken).ConfigureAwait(false);

        // Counted once per inbound activity, whatever the outcome, so an operator sees failures beside successes.
        var tags = new TagList
        {
            { "channel", channelId ?? "unknown" },
            { "visibility", ConversationVisibility.IsPublic(activity) ? "public" : "private" },
            { "outcome", result.StatusCode },
        };
        CareBotTelemetry.Turns.Add(1, tags);
        CareBotTelemetry.TurnDuration.Record(CareBotTelemetry.MillisecondsSince(started), tags);
        span?.SetTag("http.response.status_code", result.StatusCode);
        if (result.StatusCode >= 500)
        {
            span?.SetStatus(ActivityStatusCode.Error);
        }

        return result;
    }

    private async Task<TurnResult> AnswerAsync(Activity activity, ChannelIdentity identity, string? type, string? id, string? channelId, string? origin, CancellationToken cancellationToken)
    {
        try
        {
            // 2. Dedupe: a redelivered activity gets the first delivery's outcome instead of a second turn.
            var result = await _deduplicator.RunOnceAsync(activity, (participant, ct) => RunTurnAsync(activity, identity, participant, origin, ct), cancellationToken).ConfigureAwait(false);
            Log.TurnFinished(_logger, type, id, result.StatusCode);
            return result;
        }
        catch (Exception exception) when (!(exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
                                          && IsStorageUnavailable(exception, out var retryAfter))
        {
            // 7. The storage failed for now (the turn's commit is all-or-nothing, so nothing half-written stays): 503,
            //    which channels retry, with the same activity id.
            Log.StorageUnavailable(_logger, exception, exception.GetType().Name, type, id, channelId, retryAfter);
            return new TurnResult(503, StorageUnavailableBody) { RetryAfter = retryAfter };
        }
        catch (Exception exception) when (!(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // 8. A failed turn answers 500 so the channel retries it (it stored nothing); the detail stays in the log.
            Log.TurnFailed(_logger, exception, type, id, channelId);
            return new TurnResult(500, FailedTurnBody);
        }
    }

    private bool IsStorageUnavailable(Exception exception, out TimeSpan retryAfter)
    {
        foreach (var classifier in _storageFailures)
        {
            if (classifier.IsUnavailable(exception, out retryAfter))
            {
                return true;
            }
        }

        retryAfter = TimeSpan.Zero;
        return false;
    }

    private async Task<TurnResult> RunTurnAsync(Activity activity, ChannelIdentity identity, TurnCommitParticipant? participant, string? origin, CancellationToken cancellationToken)
    {
        // 3. The context: replies are addressed from the inbound activity and buffered when the caller expects them; the
        //    participant lets the bot store the outcome row in its own commit.
        var turnContext = new TurnContext(activity, identity, _connector, _logger) { CommitParticipant = participant, Origin = origin };

        // 4. Middleware in order, then the bot.
        await _pipeline.RunAsync(turnContext, cancellationToken).ConfigureAwait(false);

        // 5. The answer the bot's commit stored (or, for a concurrent duplicate, found stored) is the answer.
        if (participant?.CommittedOutcome is { } committed)
        {
            return new TurnResult(committed.StatusCode, committed.BodyJson);
        }

        // 6. The answer: buffered replies, the invoke response, or a plain 200.
        if (turnContext.ExpectsReplies)
        {
            var replies = new ExpectedReplies { Activities = turnContext.SentActivities.Select(sent => sent.Activity).ToList() };
            return new TurnResult(200, ActivityJson.Serialize(replies));
        }

        if (activity.Type == ActivityTypes.Invoke)
        {
            if (turnContext.InvokeResponse is not { } invokeResponse)
            {
                var invokeName = LogSanitizer.Sanitize(activity.Name);
                Log.InvokeNotImplemented(_logger, invokeName);
                return new TurnResult(501, null);
            }

            return new TurnResult(invokeResponse.Status, invokeResponse.Body is { } body ? body.GetRawText() : null);
        }

        return TurnResult.Ok;
    }
}
