using CareBot.Dialogs.Runtime;

namespace CareBot.Dialogs.Runtime.Nodes;

/// <summary>
/// What a node handler decided: the replies and effects it produced, the values it captured, and (by its subtype)
/// where the dialog goes next. The runtime applies it; handlers never touch state themselves.
/// </summary>
public abstract record NodeOutcome
{
    /// <summary>Texts to send, in order.</summary>
    public IReadOnlyList<string> Replies { get; init; } = [];

    /// <summary>Effects to request.</summary>
    public IReadOnlyList<DialogEffect> Effects { get; init; } = [];

    /// <summary>Values captured at this step.</summary>
    public IReadOnlyDictionary<string, CapturedValue> Captures { get; init; } = new Dictionary<string, CapturedValue>();

    /// <summary>Captures the customer passed on at this step (declined, or answered another way), so they are not asked again.</summary>
    public IReadOnlyList<string> Declined { get; init; } = [];
}

/// <summary>Stay at this node and wait for the customer's next message.</summary>
/// <param name="Attempts">Wrong answers so far (ask).</param>
/// <param name="Heard">Messages heard so far (listen).</param>
public sealed record WaitOutcome(int Attempts, int Heard) : NodeOutcome;

/// <summary>Continue at another node of the same dialog, in the same turn.</summary>
public sealed record GoToOutcome(string Target) : NodeOutcome;

/// <summary>Run another dialog from its start; continue at <paramref name="ReturnTo"/> when it ends.</summary>
public sealed record CallOutcome(string DialogId, string? ReturnTo) : NodeOutcome;

/// <summary>End this dialog (return to the caller, or end the conversation's dialog).</summary>
public sealed record EndOutcome : NodeOutcome;

/// <summary>Handed to people: wait for events only.</summary>
public sealed record HandedOffOutcome : NodeOutcome;

/// <summary>The public side moved private: remind once, then stay silent.</summary>
public sealed record MovedPrivateOutcome : NodeOutcome;

/// <summary>The node needs a lookup whose answer is not in the turn's input: the host makes it and reruns the turn.</summary>
public sealed record LookupNeededOutcome(LookupRequest Request) : NodeOutcome;
