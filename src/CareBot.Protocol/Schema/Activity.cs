using System.Text.Json;
using System.Text.Json.Serialization;

namespace CareBot.Protocol.Schema;

/// <summary>
/// A Bot Framework activity: every field of the Activity schema (spec v3.1), camelCase on the wire. Properties this type
/// does not know are kept in <see cref="Properties"/> and written back unchanged, so channel extensions survive a round trip.
/// </summary>
public sealed class Activity
{
    /// <summary>The activity type, e.g. <see cref="ActivityTypes.Message"/>. Required on the wire.</summary>
    public string? Type { get; set; }

    /// <summary>Set by the channel; bots don't send it.</summary>
    public string? Id { get; set; }

    /// <summary>When the channel recorded the activity (UTC, written with <c>Z</c>).</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>The sender's local time, with its offset.</summary>
    public DateTimeOffset? LocalTimestamp { get; set; }

    /// <summary>The sender's IANA time zone name.</summary>
    public string? LocalTimezone { get; set; }

    /// <summary>Base URL the bot replies to; may contain a path.</summary>
    public string? ServiceUrl { get; set; }

    public string? ChannelId { get; set; }

    public ChannelAccount? From { get; set; }

    public ConversationAccount? Conversation { get; set; }

    public ChannelAccount? Recipient { get; set; }

    /// <summary>Set by the receiver after authentication; never trusted from the wire.</summary>
    public string? CallerId { get; set; }

    public string? TextFormat { get; set; }

    public string? AttachmentLayout { get; set; }

    public IList<ChannelAccount>? MembersAdded { get; set; }

    public IList<ChannelAccount>? MembersRemoved { get; set; }

    public IList<MessageReaction>? ReactionsAdded { get; set; }

    public IList<MessageReaction>? ReactionsRemoved { get; set; }

    public string? TopicName { get; set; }

    public bool? HistoryDisclosed { get; set; }

    public string? Locale { get; set; }

    public string? Text { get; set; }

    public string? Speak { get; set; }

    public string? InputHint { get; set; }

    public string? Summary { get; set; }

    public SuggestedActions? SuggestedActions { get; set; }

    public IList<Attachment>? Attachments { get; set; }

    public IList<Entity>? Entities { get; set; }

    /// <summary>Channel-specific payload, passed through untouched.</summary>
    public JsonElement? ChannelData { get; set; }

    /// <summary><c>add</c> or <c>remove</c> for contactRelationUpdate / installationUpdate.</summary>
    public string? Action { get; set; }

    public string? ReplyToId { get; set; }

    public string? Label { get; set; }

    public string? ValueType { get; set; }

    /// <summary>Payload of events, invokes, traces and card submits, passed through untouched.</summary>
    public JsonElement? Value { get; set; }

    /// <summary>Name of an event, invoke or command.</summary>
    public string? Name { get; set; }

    public ConversationReference? RelatesTo { get; set; }

    public string? Code { get; set; }

    public DateTimeOffset? Expiration { get; set; }

    public string? Importance { get; set; }

    /// <summary><see cref="DeliveryModes"/>: normal, notification, expectReplies, ephemeral.</summary>
    public string? DeliveryMode { get; set; }

    public IList<string>? ListenFor { get; set; }

    public IList<TextHighlight>? TextHighlights { get; set; }

    public SemanticAction? SemanticAction { get; set; }

    /// <summary>Properties the schema doesn't name (channel extensions); written back as received.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}
