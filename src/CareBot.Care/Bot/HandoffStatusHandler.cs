using CareBot.Care.Agents;
using CareBot.Care.Cases;
using CareBot.Care.Conversations;
using CareBot.Care.Stores;
using CareBot.Protocol;
using CareBot.Protocol.Handoff;
using CareBot.Protocol.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Care.Bot;

/// <summary>
/// Applies an agent hub's <c>handoff.status</c> to the conversation's open case, with the hub as the agent
/// (<c>hub:{channel}</c>): accepted claims the case, completed resolves it (the bot then asks for the rating), failed
/// notes why and leaves the case in our own queue for our agents. Only channels listed in
/// <see cref="CareBotOptions.HandoffHubChannels"/> are hubs: elsewhere the event could come from the customer.
/// </summary>
public sealed partial class HandoffStatusHandler(
    IStateStore states, ICaseStore cases, AgentDesk desk, IOptions<CareBotOptions> options, ILogger<HandoffStatusHandler> logger)
{
    /// <summary>The most of a hub's message a note keeps (characters); the rest is cut, and the note says so.</summary>
    public const int MaxHubMessageLength = 1000;

    /// <summary>
    /// The case events the status caused (none when the channel is not a configured hub, the conversation has no case,
    /// or the move isn't possible).
    /// </summary>
    public async Task<IReadOnlyList<CaseEvent>> ApplyAsync(ConversationReference conversation, HandoffStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(status);
        if (conversation.ChannelId is not { } channelId
            || !options.Value.HandoffHubChannels.Contains(channelId, StringComparer.OrdinalIgnoreCase))
        {
            NotAHub(logger, status.State, LogSanitizer.Sanitize(conversation.ChannelId));
            return [];
        }

        var key = CareConversationState.KeyOf(conversation.ChannelId ?? "unknown", conversation.Conversation?.Id ?? "unknown");
        var stored = await states.ReadAsync([key], cancellationToken).ConfigureAwait(false);
        if (stored.GetValueOrDefault(key) is not { } record || CareConversationState.FromJson(record.Utf8Json.Span).OpenCaseId is not { } caseId)
        {
            NoCase(logger, status.State, conversation.ChannelId);
            return [];
        }

        var hub = "hub:" + (conversation.ChannelId ?? "unknown");
        switch (status.State)
        {
            case HandoffStates.Accepted:
                var claim = await cases.TryClaimAsync(caseId, hub, cancellationToken).ConfigureAwait(false);
                return claim.Event is { } claimed ? [claimed] : [];
            case HandoffStates.Completed:
                var resolved = await desk.ResolveAsync(caseId, hub, cancellationToken).ConfigureAwait(false);
                return resolved.Events;
            default:
                var text = "The agent hub could not take the hand-off" + (status.Message is { Length: > 0 } why ? ": " + Bounded(why) : ".");
                var noted = await cases.AppendNoteAsync(caseId, hub, text, cancellationToken).ConfigureAwait(false);
                return noted is null ? [] : [noted.Event];
        }
    }

    private static string Bounded(string message)
    {
        if (message.Length <= MaxHubMessageLength)
        {
            return message;
        }

        var keep = char.IsHighSurrogate(message[MaxHubMessageLength - 1]) ? MaxHubMessageLength - 1 : MaxHubMessageLength;
        return $"{message[..keep]}… (cut: the hub's message had {message.Length} characters)";
    }

    [LoggerMessage(EventId = 3400, Level = LogLevel.Warning, Message = "A handoff.status '{State}' arrived in {ChannelId} for a conversation without a case; ignored")]
    private static partial void NoCase(ILogger logger, string state, string? channelId);

    [LoggerMessage(EventId = 3401, Level = LogLevel.Warning, Message = "A handoff.status '{State}' arrived in {ChannelId}, which is not listed in CareBot:HandoffHubChannels; ignored (only agent hubs may move a case)")]
    private static partial void NotAHub(ILogger logger, string state, string? channelId);
}
