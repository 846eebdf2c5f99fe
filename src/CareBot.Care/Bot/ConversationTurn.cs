using CareBot.Care.Cases;
using CareBot.Dialogs.Runtime;
using CareBot.Protocol.Schema;

namespace CareBot.Care.Bot;

/// <summary>One dialog turn to run on a conversation's stored state.</summary>
/// <param name="Reference">The conversation (its channel and id pick the stored state).</param>
/// <param name="Input">What the dialog receives.</param>
public sealed record ConversationTurn(ConversationReference Reference, TurnInput Input)
{
    /// <summary>The inbound activity's id: a turn for an activity already processed is skipped.</summary>
    public string? ActivityId { get; init; }

    /// <summary>Skip the turn when the conversation already has a dialog.</summary>
    public bool OnlyIfNew { get; init; }

    /// <summary>The dialog state to start from when the conversation has none (a private conversation just opened).</summary>
    public DialogState? InitialState { get; init; }

    /// <summary>The conversation this one continues or moved to (public ↔ private), remembered in the state.</summary>
    public string? LinkedConversationId { get; init; }

    /// <summary>The public post a new private conversation came from, remembered in the state (the case links both).</summary>
    public ConversationReference? PublicReference { get; init; }

    /// <summary>Lines said before this conversation (in the public post), copied into a new conversation's state.</summary>
    public IReadOnlyList<CaseMessage> EarlierLines { get; init; } = [];

    /// <summary>Triage of messages before this conversation, copied into a new conversation's state.</summary>
    public IReadOnlyList<TriageSnapshot> EarlierTriage { get; init; } = [];

    /// <summary>An open incident's known-issue reply: a public post matching it is acknowledged with this text instead.</summary>
    public string? KnownIssueReply { get; init; }

    /// <summary>
    /// Put the turn's replies in the outbox (in the same commit) instead of returning them: for turns no customer
    /// message started (the outbox worker's), which have no HTTP response to answer in.
    /// </summary>
    public bool RepliesViaOutbox { get; init; }
}
