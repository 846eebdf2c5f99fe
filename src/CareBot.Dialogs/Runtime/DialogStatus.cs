using System.Text.Json.Serialization;

namespace CareBot.Dialogs.Runtime;

/// <summary>Where a conversation's dialog stands between turns.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DialogStatus>))]
public enum DialogStatus
{
    /// <summary>The top frame's node has not been entered yet (a new dialog, or the private start after take-offline).</summary>
    Pending,

    /// <summary>An ask or listen node waits for the customer's next message.</summary>
    Waiting,

    /// <summary>Handed to people: messages go to the agent, only events move the dialog.</summary>
    HandedOff,

    /// <summary>The public side after take-offline: one reminder at most, then silence.</summary>
    MovedPrivate,

    /// <summary>The dialog ended; a new message starts it again from the start.</summary>
    Ended,
}
