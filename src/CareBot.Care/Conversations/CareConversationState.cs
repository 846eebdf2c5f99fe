using System.Text.Json;
using CareBot.Care.Cases;
using CareBot.Dialogs.Runtime;
using CareBot.Protocol.Schema;

namespace CareBot.Care.Conversations;

/// <summary>
/// What CareBot keeps per Bot Framework conversation, stored as one JSON document with an ETag: the dialog state, the
/// reference to answer through later, and what the case will need. Which activities were processed is not kept here:
/// the turn's commit stores the activity's outcome row with the state (one dedupe mechanism, see <c>TurnCommit.Processed</c>).
/// </summary>
public sealed record CareConversationState
{
    /// <summary>How many lines of the conversation are kept for the case transcript (the oldest are dropped).</summary>
    public const int RememberedLines = 80;

    /// <summary>
    /// How many characters of line text are kept at most: older lines are dropped first, the newest line is always kept
    /// (whatever its size, which the channel's activity limit bounds). The state is read and written every turn, so it
    /// stays small; once a case is open, the case keeps the whole story.
    /// </summary>
    public const int RememberedCharacters = 16 * 1024;

    /// <summary>How many triage snapshots are kept for the case.</summary>
    public const int RememberedTriage = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The dialog's state; null before the dialog first ran in this conversation.</summary>
    public DialogState? Dialog { get; init; }

    /// <summary>The latest reference to this conversation (serviceUrl, bot, user), for proactive messages.</summary>
    public ConversationReference? Reference { get; init; }

    /// <summary>The conversation this one is linked to: the private DM a public post moved to, or the public post a DM came from.</summary>
    public string? LinkedConversationId { get; init; }

    /// <summary>The public post a private conversation came from (the case links both).</summary>
    public ConversationReference? PublicReference { get; init; }

    /// <summary>The case this conversation's hand-off opened, for <c>{case.id}</c> in later turns.</summary>
    public string? OpenCaseId { get; init; }

    /// <summary>The case the SLA holding reply was sent for (it is sent once per case).</summary>
    public string? HoldingReplySentFor { get; init; }

    /// <summary>The case the "added to your case" note was sent for (it is sent once per case).</summary>
    public string? AddedToCaseReplySentFor { get; init; }

    /// <summary>What was said so far (public lines first, when the conversation moved), for the case transcript.</summary>
    public IReadOnlyList<CaseMessage> Lines { get; init; } = [];

    /// <summary>The triage of the customer's messages so far, for the case's sentiment over time.</summary>
    public IReadOnlyList<TriageSnapshot> Triage { get; init; } = [];

    /// <summary>The storage key of a conversation's state: one per channel and conversation id.</summary>
    public static string KeyOf(string channelId, string conversationId) => $"conversation/{channelId}/{conversationId}";

    /// <summary>
    /// Adds lines to the transcript, keeping the newest <see cref="RememberedLines"/> and at most
    /// <see cref="RememberedCharacters"/> of text (the newest line always).
    /// </summary>
    public CareConversationState WithLines(IEnumerable<CaseMessage> lines)
    {
        var all = Lines.Concat(lines).TakeLast(RememberedLines).ToList();
        var characters = all.Sum(l => (long)l.Text.Length);
        var drop = 0;
        while (drop < all.Count - 1 && characters > RememberedCharacters)
        {
            characters -= all[drop].Text.Length;
            drop++;
        }

        return this with { Lines = all[drop..] };
    }

    /// <summary>Adds a triage snapshot, keeping the newest <see cref="RememberedTriage"/>.</summary>
    public CareConversationState WithTriage(TriageSnapshot? snapshot) =>
        snapshot is null ? this : this with { Triage = [.. Triage.Append(snapshot).TakeLast(RememberedTriage)] };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The document as UTF-8, as the store keeps it (a turn writes this: no UTF-16 copy of the document).</summary>
    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <exception cref="JsonException">The document is not a conversation state.</exception>
    public static CareConversationState FromJson(string json) =>
        JsonSerializer.Deserialize<CareConversationState>(json, Json) ?? throw new JsonException("The conversation state is null.");

    /// <summary>Reads the document from the UTF-8 bytes the store keeps (a turn reads this: no UTF-16 copy of the document).</summary>
    /// <exception cref="JsonException">The document is not a conversation state.</exception>
    public static CareConversationState FromJson(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize<CareConversationState>(utf8Json, Json) ?? throw new JsonException("The conversation state is null.");
}
