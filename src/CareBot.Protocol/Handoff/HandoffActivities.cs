using System.Text.Json;
using CareBot.Protocol.Schema;

namespace CareBot.Protocol.Handoff;

/// <summary>
/// Builds the <see cref="HandoffEventNames.Initiate"/> event a bot sends to its channel to ask an agent hub for a human.
/// </summary>
/// <remarks>
/// Shape, from "Transition conversations from bot to human"
/// (https://learn.microsoft.com/azure/bot-service/bot-service-design-pattern-handoff-human) and the botbuilder
/// EventFactory.CreateHandoffInitiation reference
/// (https://learn.microsoft.com/dotnet/api/microsoft.bot.builder.eventfactory.createhandoffinitiation):
/// an <c>event</c> activity named <c>handoff.initiate</c> whose <c>value</c> is the agent-hub-specific context and whose
/// optional transcript travels as an attachment with content type <c>application/json</c>, name <c>Transcript</c> and
/// content <c>{ "activities": [...] }</c>. Hubs ignore attachment types they don't know. The SDK also addresses the
/// event from the current turn (from, conversation, replyToId, relatesTo); here that is left to the sender, which
/// addresses every outgoing activity anyway (a reply through the turn, or a conversation reference from the outbox,
/// whose stable activity id makes a redelivery harmless).
/// </remarks>
public static class HandoffActivities
{
    /// <summary>The <c>name</c> of the transcript attachment.</summary>
    public const string TranscriptAttachmentName = "Transcript";

    /// <summary>The <c>contentType</c> of the transcript attachment.</summary>
    public const string TranscriptContentType = "application/json";

    /// <summary>
    /// Creates an unaddressed <c>handoff.initiate</c> event: <c>value</c> = <paramref name="context"/> (copied, so the
    /// caller's document may be disposed), one transcript attachment when <paramref name="transcript"/> is given, and
    /// <c>relatesTo</c> when <paramref name="relatesTo"/> is given. No id, from, recipient or conversation: the sender
    /// addresses it.
    /// </summary>
    /// <param name="context">The hub-specific routing context (skill, queue, priority, summary…); a JSON object.</param>
    /// <param name="transcript">The conversation so far, for the agent; null sends no attachment.</param>
    /// <param name="relatesTo">The conversation being handed off, when the event travels elsewhere.</param>
    /// <exception cref="ArgumentException"><paramref name="context"/> is not a JSON object.</exception>
    public static Activity CreateInitiation(JsonElement context, Transcript? transcript = null, ConversationReference? relatesTo = null)
    {
        if (context.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException(
                $"The hand-off context must be a JSON object (hubs read named fields from it), not {Describe(context.ValueKind)}; pass {{}} when there is nothing to route by.",
                nameof(context));
        }

        return new Activity
        {
            Type = ActivityTypes.Event,
            Name = HandoffEventNames.Initiate,
            Value = context.Clone(),
            Attachments = transcript is null ? null : [TranscriptAttachment(transcript)],
            RelatesTo = relatesTo,
        };
    }

    /// <summary>The transcript as a hand-off attachment: <c>{ contentType, name, content: { activities } }</c>.</summary>
    public static Attachment TranscriptAttachment(Transcript transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        return new Attachment
        {
            ContentType = TranscriptContentType,
            Name = TranscriptAttachmentName,
            Content = JsonSerializer.SerializeToElement(transcript, ActivityJson.Options),
        };
    }

    private static string Describe(JsonValueKind kind) => kind == JsonValueKind.Undefined
        ? "an empty (default) JsonElement"
        : "a JSON " + kind.ToString().ToLowerInvariant();
}
