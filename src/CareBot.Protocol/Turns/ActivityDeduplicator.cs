using System.Collections.Concurrent;
using CareBot.Protocol.Middleware;
using CareBot.Protocol.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Protocol.Turns;

/// <summary>
/// Processes each delivered activity once. Channels retry when an answer is slow or lost, so the same activity (same
/// channel, conversation and id) can arrive twice, even concurrently; the retry gets the first delivery's outcome,
/// including the same <c>expectReplies</c> body, without running the bot again.
/// </summary>
/// <remarks>
/// <para>
/// One mechanism, one row: the activity's outcome in the <see cref="IActivityOutcomeStore"/>. A delivery first looks it
/// up (a read) and answers a stored outcome at once. Otherwise the turn runs with a <see cref="TurnCommitParticipant"/>:
/// a bot that commits what the turn decided stores the outcome row in that same transaction, so the turn costs one
/// write, and a delivery that lost a race with a concurrent one (on another server instance) finds the key taken at
/// commit and answers the winner's outcome. A bot that stores nothing has its outcome recorded here after the turn.
/// </para>
/// <para>
/// Nothing is claimed before the turn: a turn that fails or is killed mid-way has stored nothing, so the channel's
/// retry simply runs it. Concurrent deliveries of one activity to this process wait for the first (up to
/// <see cref="DeduplicationOptions.WaitTimeout"/>, then 409) instead of running the bot twice.
/// </para>
/// <para>
/// This wraps the whole turn rather than being an <see cref="ITurnMiddleware"/>: it must short-circuit with a stored
/// HTTP outcome and record the outcome computed after every middleware has run, neither of which a middleware sees.
/// </para>
/// </remarks>
public sealed class ActivityDeduplicator
{
    private static readonly string InProgressBody = ActivityJson.Serialize(new ErrorResponse(
        "ActivityInProgress", "This activity is still being processed by an earlier delivery; retry later."));

    private readonly IActivityOutcomeStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly DeduplicationOptions _options;
    private readonly ILogger<ActivityDeduplicator> _logger;

    // The deliveries this process is running now, by activity: a concurrent duplicate awaits the first one's answer.
    private readonly ConcurrentDictionary<ActivityKey, Task<TurnResult>> _running = new();

    public ActivityDeduplicator(
        IActivityOutcomeStore store, TimeProvider timeProvider, IOptions<DeduplicationOptions> options, ILogger<ActivityDeduplicator> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _timeProvider = timeProvider;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>The key an activity is deduplicated by, or null when it lacks an id (such activities are always processed).</summary>
    public static ActivityKey? KeyOf(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity is { Id.Length: > 0, ChannelId: { } channelId, Conversation.Id: { } conversationId }
            ? new ActivityKey(channelId, conversationId, activity.Id)
            : null;
    }

    /// <summary>
    /// Runs <paramref name="processTurn"/> unless this activity was processed already, and makes sure its outcome is
    /// recorded (by the bot's commit through the participant, else here). When <paramref name="processTurn"/> throws,
    /// nothing is recorded (so the channel's retry processes the activity) and the exception propagates.
    /// </summary>
    public Task<TurnResult> RunOnceAsync(
        Activity activity, Func<CancellationToken, Task<TurnResult>> processTurn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(processTurn);
        return RunOnceAsync(activity, (_, ct) => processTurn(ct), cancellationToken);
    }

    /// <inheritdoc cref="RunOnceAsync(Activity, Func{CancellationToken, Task{TurnResult}}, CancellationToken)"/>
    /// <param name="activity">The inbound activity.</param>
    /// <param name="processTurn">Runs the turn; receives the participant to hand the bot (null when not deduplicated).</param>
    /// <param name="cancellationToken">Cancels the turn.</param>
    public async Task<TurnResult> RunOnceAsync(
        Activity activity, Func<TurnCommitParticipant?, CancellationToken, Task<TurnResult>> processTurn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(processTurn);
        if (KeyOf(activity) is not { } key)
        {
            Log.NotDeduplicated(_logger, activity.ChannelId);
            return await processTurn(null, cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            var mine = new TaskCompletionSource<TurnResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            var running = _running.GetOrAdd(key, mine.Task);
            if (running != mine.Task)
            {
                // A concurrent delivery of the same activity in this process: its answer is ours.
                Log.DuplicateWaiting(_logger, key.ActivityId, key.ConversationId, key.ChannelId, _options.WaitTimeout);
                try
                {
                    var answer = await running.WaitAsync(_options.WaitTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
                    Log.DuplicateAnswered(_logger, key.ActivityId, key.ConversationId, key.ChannelId, answer.StatusCode);
                    return answer;
                }
                catch (TimeoutException)
                {
                    Log.DuplicateStillInProgress(_logger, key.ActivityId, key.ConversationId, key.ChannelId, _options.WaitTimeout);
                    return new TurnResult(409, InProgressBody);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    // The first delivery failed (nothing stored): this one runs the turn.
                    continue;
                }
            }

            // Forgotten before the waiters wake, so one that runs the turn after a failure doesn't find it again.
            TurnResult result;
            try
            {
                result = await RunFirstAsync(activity, key, processTurn, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                _running.TryRemove(new KeyValuePair<ActivityKey, Task<TurnResult>>(key, mine.Task));
                mine.SetException(exception);
                _ = mine.Task.Exception; // observed here; a waiting duplicate runs the turn itself
                throw;
            }

            _running.TryRemove(new KeyValuePair<ActivityKey, Task<TurnResult>>(key, mine.Task));
            mine.SetResult(result);
            return result;
        }
    }

    private async Task<TurnResult> RunFirstAsync(
        Activity activity, ActivityKey key, Func<TurnCommitParticipant?, CancellationToken, Task<TurnResult>> processTurn, CancellationToken cancellationToken)
    {
        if (await _store.FindAsync(key, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            Log.DuplicateAnswered(_logger, key.ActivityId, key.ConversationId, key.ChannelId, stored.StatusCode);
            return new TurnResult(stored.StatusCode, stored.BodyJson);
        }

        var participant = new TurnCommitParticipant(key, string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.Ordinal));
        var result = await processTurn(participant, cancellationToken).ConfigureAwait(false);
        if (participant.CommittedOutcome is not null)
        {
            return result; // the bot's commit stored it with the rest of the turn
        }

        // Recorded even when the client has gone away: the turn happened, and its retry must not repeat it.
        try
        {
            await _store.CompleteAsync(key, new StoredTurnOutcome(result.StatusCode, result.BodyJson), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // The turn ran; only its outcome was not recorded. Answer it: a bot that stores nothing has nothing to repeat.
            Log.OutcomeNotRecorded(_logger, exception, key.ActivityId, key.ConversationId, key.ChannelId);
        }

        return result;
    }
}
