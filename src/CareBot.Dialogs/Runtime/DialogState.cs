using System.Text.Json;
using System.Text.Json.Serialization;
using CareBot.Dialogs.Model;

namespace CareBot.Dialogs.Runtime;

/// <summary>
/// Everything the dialog remembers about one conversation. Typed and versioned, serialized with System.Text.Json into
/// the conversation state, so a conversation survives restarts and moves between server instances.
/// </summary>
public sealed record DialogState
{
    /// <summary>The current shape of this record; bumped when it changes incompatibly.</summary>
    public const int CurrentFormat = 1;

    /// <summary>The shape version of this record.</summary>
    public int Format { get; init; } = CurrentFormat;

    /// <summary>The root dialog's id.</summary>
    public required string ScriptId { get; init; }

    /// <summary>The version of every dialog as of the conversation's start: calls and events use these, not newer ones.</summary>
    public required IReadOnlyDictionary<string, string> Versions { get; init; }

    /// <summary>Where the dialog stands.</summary>
    public DialogStatus Status { get; init; }

    /// <summary>The call stack, root first; the last frame holds the active node.</summary>
    public IReadOnlyList<DialogFrame> Stack { get; init; } = [];

    /// <summary>Captured values by name.</summary>
    public IReadOnlyDictionary<string, CapturedValue> Captured { get; init; } = new Dictionary<string, CapturedValue>();

    /// <summary>
    /// Questions the customer passed on ("I don't have one", or an email given instead of the order number): a later
    /// <c>skip_if_captured</c> question for the same value is not asked again. Forgotten when the dialog starts over.
    /// </summary>
    public IReadOnlyList<string> Declined { get; init; } = [];

    /// <summary>
    /// The highest triage priority of the customer's messages in this conversation so far, carried into the private chat:
    /// a hand-off's triage priority and <c>priority:</c> conditions go by it, as the case's priority rises to it anyway
    /// (an angry first message, then calm answers, is still a priority). Set again when the dialog starts over.
    /// </summary>
    public Priority PeakPriority { get; init; }

    /// <summary>
    /// The language of the public post this private chat was opened for (triage's ISO code), if triage could tell. A
    /// <c>language:</c> condition on a turn whose own language is unknown goes by it: the private greeting has no words
    /// of its own, and a French post's private chat was greeted in English.
    /// </summary>
    public string? PostLanguage { get; init; }

    /// <summary>
    /// The triage signals of the public post this private chat was opened for. A <c>signal:</c> condition on the turn
    /// that opens the private chat (no message of its own) goes by them: someone who posted that they were in danger was
    /// asked for an order number there, because the opening turn had no signals.
    /// </summary>
    public IReadOnlyList<string> PostSignals { get; init; } = [];

    /// <summary>
    /// The public post's text, for the same turn: its <c>keywords:</c>, <c>words_at_least:</c> and <c>mentions:</c>
    /// conditions read the post ("someone just emptied my account" was asked for an order number in private).
    /// </summary>
    public string? PostText { get; init; }

    /// <summary>Wrong answers so far at the waiting ask node.</summary>
    public int Attempts { get; init; }

    /// <summary>Messages heard so far at the waiting listen node.</summary>
    public int Heard { get; init; }

    /// <summary>Whether the public reminder after take-offline was sent.</summary>
    public bool ReminderSent { get; init; }

    /// <summary>Replies sent in this thread while it was public (at most <see cref="DialogRuntime.MaxPublicRepliesPerThread"/>).</summary>
    public int PublicReplies { get; init; }

    /// <summary>Turns taken; picks variants deterministically so reruns and tests see the same text.</summary>
    public int Turn { get; init; }

    /// <summary>The active frame, or null before the first node.</summary>
    [JsonIgnore]
    public DialogFrame? Top => Stack.Count == 0 ? null : Stack[^1];

    /// <summary>The active node's id (the one waiting for input), if any.</summary>
    [JsonIgnore]
    public string? ActiveNode => Top?.Node;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Serializes for the conversation state.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a state written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The JSON is not a dialog state of a known format.</exception>
    public static DialogState FromJson(string json)
    {
        var state = JsonSerializer.Deserialize<DialogState>(json, Json) ?? throw new JsonException("The dialog state is null.");
        if (state.Format != CurrentFormat)
        {
            throw new JsonException($"The dialog state has format {state.Format}; this version reads format {CurrentFormat}.");
        }

        return state;
    }
}
