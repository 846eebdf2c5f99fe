namespace CareBot.Protocol.Handoff;

/// <summary>
/// The documented values of <c>value.state</c> in a <see cref="HandoffEventNames.Status"/> event (botbuilder
/// EventFactory.CreateHandoffStatus: "accepted", "failed", "completed"). Values some experimental hub libraries added
/// (<c>timedOut</c>, <c>transferBack</c>…) are not part of the protocol and are not accepted.
/// </summary>
public static class HandoffStates
{
    /// <summary>The hub took the conversation; an agent is or will be attached.</summary>
    public const string Accepted = "accepted";

    /// <summary>The hub could not take the conversation; <c>message</c> may say why.</summary>
    public const string Failed = "failed";

    /// <summary>The agent finished with the conversation.</summary>
    public const string Completed = "completed";

    /// <summary>True for one of the three documented states (compared ordinally, as wire values are).</summary>
    public static bool IsKnown(string? state) => state is Accepted or Failed or Completed;
}
