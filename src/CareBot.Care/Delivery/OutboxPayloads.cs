using CareBot.Care.Stores;
using CareBot.Protocol.Schema;

namespace CareBot.Care.Delivery;

/// <summary>
/// Builds and reads the outbox rows the care bot writes in its commits (STYLE: one place knows the payload shapes).
/// Payloads are JSON in the Bot Framework's own casing, so a row can be read by eye in the database.
/// </summary>
public static class OutboxPayloads
{
    /// <summary>A proactive message into a conversation. Its activity id is derived from the key, so a repeat is recognisable.</summary>
    public static NewOutboxMessage Activity(string idempotencyKey, ConversationReference reference, Activity activity)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(activity);
        activity.Id ??= ActivityIdFor(idempotencyKey);
        return new NewOutboxMessage(OutboxKind.Activity, idempotencyKey, ActivityJson.Serialize(new ActivityDelivery(reference, activity)));
    }

    /// <summary>A plain-text bot message into the conversation of <paramref name="reference"/>.</summary>
    public static NewOutboxMessage Message(string idempotencyKey, ConversationReference reference, string text) =>
        Activity(idempotencyKey, reference, new Activity { Type = ActivityTypes.Message, Text = text, TextFormat = TextFormatTypes.Plain }.ApplyConversationReference(reference));

    /// <summary>Open the 1:1 conversation a public post moves to, and continue the dialog there.</summary>
    public static NewOutboxMessage TakeOffline(string idempotencyKey, TakeOfflineDelivery delivery) =>
        new(OutboxKind.TakeOffline, idempotencyKey, ActivityJson.Serialize(delivery));

    /// <summary>Feed a dialog event to a conversation and deliver what the dialog says.</summary>
    public static NewOutboxMessage DialogEvent(string idempotencyKey, DialogEventDelivery delivery) =>
        new(OutboxKind.DialogEvent, idempotencyKey, ActivityJson.Serialize(delivery));

    /// <summary>The payload of a claimed row, or a JsonException naming the row.</summary>
    public static T Read<T>(OutboxMessage row)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(row);
        return ActivityJson.Deserialize<T>(row.PayloadJson)
            ?? throw new System.Text.Json.JsonException($"Outbox message {row.Id} ({row.Kind}) holds 'null'.");
    }

    /// <summary>
    /// The activity id for an outbox key: a short hash, stable across retries and instances. The Connector client sends it
    /// with the activity, so a message sent again after a crash reaches the channel with the same id.
    /// </summary>
    public static string ActivityIdFor(string idempotencyKey) => SenderActivityIds.For(idempotencyKey);
}
