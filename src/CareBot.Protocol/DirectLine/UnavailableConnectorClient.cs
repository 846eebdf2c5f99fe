using CareBot.Protocol.Connector;
using CareBot.Protocol.Schema;

namespace CareBot.Protocol.DirectLine;

/// <summary>The Connector behind the Direct Line decorator when no real one is registered: every call fails clearly.</summary>
internal sealed class UnavailableConnectorClient : IConnectorClient
{
    public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) => throw Unavailable(serviceUrl);

    public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) => throw Unavailable(serviceUrl);

    public Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) => throw Unavailable(serviceUrl);

    public Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken) => throw Unavailable(serviceUrl);

    public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken) => throw Unavailable(serviceUrl);

    public Task<IReadOnlyList<ChannelAccount>> GetConversationMembersAsync(string serviceUrl, string conversationId, CancellationToken cancellationToken) => throw Unavailable(serviceUrl);

    public Task<ChannelAccount> GetConversationMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken) => throw Unavailable(serviceUrl);

    public Task<byte[]> GetAttachmentAsync(string serviceUrl, string attachmentId, string viewId, int maxBytes, CancellationToken cancellationToken) => throw Unavailable(serviceUrl);

    private static ConnectorException Unavailable(string serviceUrl) => new(
        $"No Connector client is registered, so '{serviceUrl}' cannot be reached (only the built-in Direct Line channel can): call AddBotFrameworkConnector before AddDirectLineChannel.",
        statusCode: null, isTransient: false);
}
