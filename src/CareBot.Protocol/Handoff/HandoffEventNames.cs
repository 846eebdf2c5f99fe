namespace CareBot.Protocol.Handoff;

/// <summary>
/// The <c>name</c> of the two <c>event</c> activities of the Bot Framework hand-off protocol (bot ↔ agent hub, e.g.
/// Dynamics 365 Omnichannel). Facts from "Transition conversations from bot to human"
/// (https://learn.microsoft.com/azure/bot-service/bot-service-design-pattern-handoff-human) and the botbuilder
/// EventFactory reference (https://learn.microsoft.com/dotnet/api/microsoft.bot.builder.eventfactory).
/// </summary>
public static class HandoffEventNames
{
    /// <summary>Bot → hub: please route this conversation to a human agent.</summary>
    public const string Initiate = "handoff.initiate";

    /// <summary>Hub → bot: how the requested hand-off went (see <see cref="HandoffStates"/>).</summary>
    public const string Status = "handoff.status";
}
