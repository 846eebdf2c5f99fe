namespace CareBot.Testing.Channel;

/// <summary>The Connector API v3 operations the <see cref="FakeChannel"/> serves.</summary>
public enum ChannelOperation
{
    /// <summary>A path or method the fake channel doesn't serve (answered 404).</summary>
    Unknown,

    /// <summary><c>POST /v3/conversations</c>.</summary>
    CreateConversation,

    /// <summary><c>POST /v3/conversations/{conversationId}/activities</c>.</summary>
    SendToConversation,

    /// <summary><c>POST /v3/conversations/{conversationId}/activities/{activityId}</c>.</summary>
    ReplyToActivity,

    /// <summary><c>PUT /v3/conversations/{conversationId}/activities/{activityId}</c>.</summary>
    UpdateActivity,

    /// <summary><c>DELETE /v3/conversations/{conversationId}/activities/{activityId}</c>.</summary>
    DeleteActivity,

    /// <summary><c>GET /v3/conversations/{conversationId}/members</c>.</summary>
    GetConversationMembers,

    /// <summary><c>GET /v3/conversations/{conversationId}/members/{memberId}</c>.</summary>
    GetConversationMember,

    /// <summary><c>GET /v3/attachments/{attachmentId}/views/{viewId}</c>: a file a customer sent (see <see cref="FakeChannel.AddAttachment"/>).</summary>
    GetAttachment,
}
