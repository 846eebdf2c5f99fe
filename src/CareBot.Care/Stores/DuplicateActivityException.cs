using CareBot.Protocol.Middleware;

namespace CareBot.Care.Stores;

/// <summary>
/// A turn's commit found its activity's outcome already stored: another delivery of the same activity committed first.
/// Nothing of this turn was stored; it answers <see cref="Stored"/> and sends nothing.
/// </summary>
public sealed class DuplicateActivityException : Exception
{
    public DuplicateActivityException(ActivityKey key, StoredTurnOutcome stored)
        : base($"Activity {key.ActivityId} in conversation {key.ConversationId} on {key.ChannelId} was processed already; its first outcome stands.")
    {
        Key = key;
        Stored = stored ?? throw new ArgumentNullException(nameof(stored));
    }

    public DuplicateActivityException()
        : this(default, new StoredTurnOutcome(200, null))
    {
    }

    public DuplicateActivityException(string message)
        : base(message)
    {
        Stored = new StoredTurnOutcome(200, null);
    }

    public DuplicateActivityException(string message, Exception innerException)
        : base(message, innerException)
    {
        Stored = new StoredTurnOutcome(200, null);
    }

    /// <summary>The activity.</summary>
    public ActivityKey Key { get; }

    /// <summary>The outcome the first delivery stored.</summary>
    public StoredTurnOutcome Stored { get; }
}
