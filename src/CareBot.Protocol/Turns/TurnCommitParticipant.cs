using CareBot.Protocol.Middleware;
using CareBot.Protocol.Schema;

namespace CareBot.Protocol.Turns;

/// <summary>
/// What the protocol asks a bot to store in the bot's own commit, so a turn is one transaction: the activity's outcome
/// row (its key and the HTTP answer), which makes a redelivered activity get the same answer instead of a second turn.
/// The protocol knows nothing of what else the bot stores; the bot knows nothing of how the answer is built.
/// </summary>
/// <remarks>
/// A bot that stores nothing for a turn ignores this: the protocol then records the outcome itself after the turn. A
/// bot that stores the outcome calls <see cref="Committed"/> once its commit is durable, or, when its commit found the
/// key already stored (a concurrent delivery of the same activity won), with the outcome stored by that delivery.
/// </remarks>
public sealed class TurnCommitParticipant
{
    private readonly bool _expectsReplies;

    /// <param name="key">The activity the outcome is stored under.</param>
    /// <param name="expectsReplies">Whether the answer carries the replies (<c>deliveryMode: expectReplies</c>).</param>
    public TurnCommitParticipant(ActivityKey key, bool expectsReplies)
    {
        Key = key;
        _expectsReplies = expectsReplies;
    }

    /// <summary>The activity's key (unique in the outcome store: a second row for it is a duplicate delivery).</summary>
    public ActivityKey Key { get; }

    /// <summary>The answer stored by the bot's commit (or found there); null until <see cref="Committed"/> is called.</summary>
    public StoredTurnOutcome? CommittedOutcome { get; private set; }

    /// <summary>
    /// The HTTP answer of a message or event turn that sends <paramref name="replies"/> (addressed with
    /// <see cref="TurnContext.CreateReply"/>): 200 with <c>{"activities":[...]}</c> for <c>expectReplies</c>, else 200 with
    /// no body (the replies travel through the Connector).
    /// </summary>
    public StoredTurnOutcome OutcomeFor(IReadOnlyList<Activity> replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        return _expectsReplies
            ? new StoredTurnOutcome(200, ActivityJson.Serialize(new ExpectedReplies { Activities = [.. replies] }))
            : new StoredTurnOutcome(200, null);
    }

    /// <summary>Records that the outcome row is durable: the turn answers <paramref name="outcome"/>.</summary>
    public void Committed(StoredTurnOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        CommittedOutcome = outcome;
    }
}
