using CareBot.Protocol.Schema;
using CareBot.Protocol.Turns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Protocol.Middleware;

/// <summary>
/// Processes each delivered activity once. Channels retry when an answer is slow or lost, so the same activity (same
/// channel, conversation and id) can arrive twice, even concurrently; the retry gets the first delivery's outcome,
/// including the same <c>expectReplies</c> body, without running the bot again.
/// </summary>
/// <remarks>
/// This wraps the whole turn rather than being an <see cref="ITurnMiddleware"/>: it must short-circuit with a stored
/// HTTP outcome and record the outcome computed after every middleware has run, neither of which a middleware sees.
/// </remarks>
public sealed class ActivityDeduplicator
{
    private static readonly string InProgressBody = ActivityJson.Serialize(new ErrorResponse(
        "ActivityInProgress", "This activity is still being processed by an earlier delivery; retry later."));

    private readonly IActivityOutcomeStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly DeduplicationOptions _options;
    private readonly ILogger<ActivityDeduplicator> _logger;

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
    /// Runs <paramref name="processTurn"/> unless this activity was (or is being) processed already, and records its
    /// outcome. When <paramref name="processTurn"/> throws, the claim is released (so the channel's retry processes the
    /// activity) and the exception propagates.
    /// </summary>
    public async Task<TurnResult> RunOnceAsync(
        Activity activity, Func<CancellationToken, Task<TurnResult>> processTurn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(processTurn);
        if (KeyOf(activity) is not { } key)
        {
            Log.NotDeduplicated(_logger, activity.ChannelId);
            return await processTurn(cancellationToken).ConfigureAwait(false);
        }

        var claim = await _store.TryClaimAsync(key, _options.ClaimLifetime, cancellationToken).ConfigureAwait(false);
        if (claim.Status == ActivityClaimStatus.InProgress)
        {
            claim = await WaitForOtherDeliveryAsync(key, cancellationToken).ConfigureAwait(false);
        }

        switch (claim.Status)
        {
            case ActivityClaimStatus.Completed:
                var stored = claim.Outcome ?? new StoredTurnOutcome(200, null);
                Log.DuplicateAnswered(_logger, key.ActivityId, key.ConversationId, key.ChannelId, stored.StatusCode);
                return new TurnResult(stored.StatusCode, stored.BodyJson);
            case ActivityClaimStatus.InProgress:
                Log.DuplicateStillInProgress(_logger, key.ActivityId, key.ConversationId, key.ChannelId, _options.WaitTimeout);
                return new TurnResult(409, InProgressBody);
        }

        TurnResult result;
        try
        {
            result = await processTurn(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The turn failed (or the caller gave up): forget the claim so the channel's retry runs the turn again.
            await _store.ReleaseAsync(key, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        // Recorded even when the client has gone away: the turn happened, and its retry must not repeat it.
        await _store.CompleteAsync(key, new StoredTurnOutcome(result.StatusCode, result.BodyJson), CancellationToken.None).ConfigureAwait(false);
        return result;
    }

    // A concurrent duplicate: poll for the first delivery's outcome, for a bounded time.
    private async Task<ActivityClaim> WaitForOtherDeliveryAsync(ActivityKey key, CancellationToken cancellationToken)
    {
        Log.DuplicateWaiting(_logger, key.ActivityId, key.ConversationId, key.ChannelId, _options.WaitTimeout);
        var deadline = _timeProvider.GetUtcNow() + _options.WaitTimeout;
        while (true)
        {
            var remaining = deadline - _timeProvider.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return new ActivityClaim(ActivityClaimStatus.InProgress, null);
            }

            await Task.Delay(remaining < _options.PollInterval ? remaining : _options.PollInterval, _timeProvider, cancellationToken).ConfigureAwait(false);
            var claim = await _store.TryClaimAsync(key, _options.ClaimLifetime, cancellationToken).ConfigureAwait(false);
            if (claim.Status != ActivityClaimStatus.InProgress)
            {
                return claim;
            }
        }
    }
}
