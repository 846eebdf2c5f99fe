namespace CareBot.Protocol.Schema;

/// <summary>Helpers every Bot Framework developer expects on an activity.</summary>
public static class ActivityExtensions
{
    /// <summary>
    /// Builds a reply to <paramref name="activity"/>: from and recipient swapped, the same conversation (id, name,
    /// isGroup, type, tenant), channel and locale, <c>replyToId</c> set; no id or timestamp (the channel assigns them).
    /// </summary>
    public static Activity CreateReply(this Activity activity, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return new Activity
        {
            Type = ActivityTypes.Message,
            ChannelId = activity.ChannelId,
            ServiceUrl = activity.ServiceUrl,
            From = activity.Recipient is null ? null : new ChannelAccount(activity.Recipient.Id ?? string.Empty, activity.Recipient.Name),
            Recipient = activity.From is null ? null : new ChannelAccount(activity.From.Id ?? string.Empty, activity.From.Name),
            Conversation = CopyConversation(activity.Conversation),
            ReplyToId = activity.Id,
            Locale = activity.Locale,
            Text = text,
            TextFormat = text is null ? null : TextFormatTypes.Plain,
        };
    }

    /// <summary>
    /// The reference to store for proactive messages: user = from, bot = recipient. As the SDK does, the activity id is
    /// left out for a Direct Line / Web Chat conversationUpdate (it can't be replied to).
    /// </summary>
    public static ConversationReference GetConversationReference(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var isDirectLineJoin = activity.Type == ActivityTypes.ConversationUpdate
            && (activity.ChannelId == Channels.DirectLine || activity.ChannelId == Channels.Webchat);
        return new ConversationReference
        {
            ActivityId = isDirectLineJoin ? null : activity.Id,
            User = activity.From,
            Bot = activity.Recipient,
            Conversation = activity.Conversation,
            ChannelId = activity.ChannelId,
            ServiceUrl = activity.ServiceUrl,
            Locale = activity.Locale,
        };
    }

    /// <summary>
    /// Addresses an outgoing activity to a stored conversation: from = bot, recipient = user, conversation, channel,
    /// serviceUrl, locale (unless set); <c>replyToId</c> = the reference's activity id when
    /// <paramref name="isIncoming"/> is false.
    /// </summary>
    public static Activity ApplyConversationReference(this Activity activity, ConversationReference reference, bool isIncoming = false)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(reference);
        activity.ChannelId = reference.ChannelId;
        activity.ServiceUrl = reference.ServiceUrl;
        activity.Conversation = reference.Conversation;
        activity.Locale ??= reference.Locale;
        if (isIncoming)
        {
            activity.From = reference.User;
            activity.Recipient = reference.Bot;
            activity.Id = reference.ActivityId;
        }
        else
        {
            activity.From = reference.Bot;
            activity.Recipient = reference.User;
            activity.ReplyToId ??= reference.ActivityId;
        }

        return activity;
    }

    private static ConversationAccount? CopyConversation(ConversationAccount? conversation) =>
        conversation is null
            ? null
            : new ConversationAccount
            {
                Id = conversation.Id,
                Name = conversation.Name,
                IsGroup = conversation.IsGroup,
                ConversationType = conversation.ConversationType,
                TenantId = conversation.TenantId,
            };
}
