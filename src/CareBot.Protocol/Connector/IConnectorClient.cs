using CareBot.Protocol.Schema;

namespace CareBot.Protocol.Connector;

/// <summary>
/// The Bot Framework Connector REST API v3 (bot → channel). Every call takes the serviceUrl explicitly: it is the base
/// URL of the channel the conversation lives on, taken from a validated inbound activity or a stored reference.
/// Failures throw <see cref="ConnectorException"/>.
/// </summary>
public interface IConnectorClient
{
    /// <summary><c>POST {serviceUrl}v3/conversations/{conversationId}/activities</c>.</summary>
    Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken);

    /// <summary><c>POST {serviceUrl}v3/conversations/{conversationId}/activities/{activityId}</c>.</summary>
    Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken);

    /// <summary><c>PUT {serviceUrl}v3/conversations/{conversationId}/activities/{activityId}</c>.</summary>
    Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken);

    /// <summary><c>DELETE {serviceUrl}v3/conversations/{conversationId}/activities/{activityId}</c>.</summary>
    Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken);

    /// <summary><c>POST {serviceUrl}v3/conversations</c>: opens a new conversation, e.g. a 1:1 with a customer.</summary>
    Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken);

    /// <summary><c>GET {serviceUrl}v3/conversations/{conversationId}/members</c>.</summary>
    Task<IReadOnlyList<ChannelAccount>> GetConversationMembersAsync(string serviceUrl, string conversationId, CancellationToken cancellationToken);

    /// <summary><c>GET {serviceUrl}v3/conversations/{conversationId}/members/{memberId}</c>.</summary>
    Task<ChannelAccount> GetConversationMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken);

    /// <summary>
    /// <c>GET {serviceUrl}v3/attachments/{attachmentId}/views/{viewId}</c>: the bytes of a file a customer sent, which
    /// channels such as Teams serve only to the bot's token. An answer longer than <paramref name="maxBytes"/> fails.
    /// </summary>
    Task<byte[]> GetAttachmentAsync(string serviceUrl, string attachmentId, string viewId, int maxBytes, CancellationToken cancellationToken);
}
