using System.Collections.Concurrent;
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

    // Beyond this many, a claim the storage kept is left to expire after the claim lifetime, as before.
    private const int MaxUnreleased = 10_000;

    // Claims this process holds but could not give up (their release or completion failed with the storage): released
    // when the activity comes again. A restart forgets them; the claims then belong to a process that is gone, which
    // the store recognises.
    private readonly ConcurrentDictionary<ActivityKey, byte> _unreleased = new();

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
    /// activity) and the exception propagates. A claim the storage did not let go (release or completion failed) is
    /// released when the activity is delivered again, so a retry after a storage outage is processed, not refused.
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

        // A claim this process could not give up earlier (the storage failed) would hold off every retry until it
        // expires: give it up first, now that a retry is here.
        if (_unreleased.TryRemove(key, out _))
        {
            await ReleaseOrRememberAsync(key, rethrow: true).ConfigureAwait(false);
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
            await ReleaseOrRememberAsync(key, rethrow: false).ConfigureAwait(false);
            throw;
        }

        // Recorded even when the client has gone away: the turn happened, and its retry must not repeat it.
        try
        {
            await _store.CompleteAsync(key, new StoredTurnOutcome(result.StatusCode, result.BodyJson), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // The turn ran; only its outcome was not recorded. Answer it, and should the channel deliver it again, give the
            // claim up then instead of holding the retry off (the bot must recognise an activity it already processed).
            Log.OutcomeNotRecorded(_logger, exception, key.ActivityId, key.ConversationId, key.ChannelId);
            RememberUnreleased(key);
        }

        return result;
    }

    private async Task ReleaseOrRememberAsync(ActivityKey key, bool rethrow)
    {
        try
        {
            await _store.ReleaseAsync(key, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Log.ClaimNotReleased(_logger, exception, key.ActivityId, key.ConversationId, key.ChannelId);
            RememberUnreleased(key);
            if (rethrow)
            {
                throw;
            }
        }
    }

    private void RememberUnreleased(ActivityKey key)
    {
        if (_unreleased.Count < MaxUnreleased)
        {
            _unreleased.TryAdd(key, 0);
        }
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
