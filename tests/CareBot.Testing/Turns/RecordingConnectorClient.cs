using System.Collections.Concurrent;
using CareBot.Protocol.Connector;
using CareBot.Protocol.Schema;

namespace CareBot.Testing.Turns;

/// <summary>
/// A stand-in for the channel's Connector service: records every call and answers sends with ids <c>sent-1</c>,
/// <c>sent-2</c>, ... Set <see cref="FailWith"/> to make every call throw.
/// </summary>
public sealed class RecordingConnectorClient : IConnectorClient
{
    private int _nextId;

    /// <summary>Every call in order: the operation name (<c>send</c>, <c>reply</c>, <c>update</c>, <c>delete</c>, ...) and its arguments.</summary>
    public ConcurrentQueue<ConnectorCall> Calls { get; } = new();

    /// <summary>When set, every call throws it.</summary>
    public Exception? FailWith { get; set; }

    public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        Record("send", serviceUrl, conversationId, null, activity);

    public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        Record("reply", serviceUrl, conversationId, activityId, activity);

    public Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        Record("update", serviceUrl, conversationId, activityId, activity);

    public async Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken) =>
        await Record("delete", serviceUrl, conversationId, activityId, null);

    public async Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken)
    {
        var response = await Record("create", serviceUrl, null, null, parameters.Activity);
        return new ConversationResourceResponse { Id = "conversation-" + response.Id, ServiceUrl = serviceUrl, ActivityId = response.Id };
    }

    public Task<IReadOnlyList<ChannelAccount>> GetConversationMembersAsync(string serviceUrl, string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ChannelAccount>>([]);

    public Task<ChannelAccount> GetConversationMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken) =>
        Task.FromResult(new ChannelAccount(memberId));

    /// <summary>The files <see cref="GetAttachmentAsync"/> serves, by attachment id; any other id is a 404.</summary>
    public ConcurrentDictionary<string, byte[]> Attachments { get; } = new(StringComparer.Ordinal);

    public Task<byte[]> GetAttachmentAsync(string serviceUrl, string attachmentId, string viewId, int maxBytes, CancellationToken cancellationToken)
    {
        Calls.Enqueue(new ConnectorCall("attachment", serviceUrl, null, attachmentId, null));
        return FailWith is { } failure ? Task.FromException<byte[]>(failure)
            : Attachments.TryGetValue(attachmentId, out var content) ? Task.FromResult(content)
            : Task.FromException<byte[]>(new ConnectorException($"No attachment '{attachmentId}'.", System.Net.HttpStatusCode.NotFound, isTransient: false));
    }

    private Task<ResourceResponse> Record(string operation, string serviceUrl, string? conversationId, string? activityId, Activity? activity)
    {
        if (FailWith is { } failure)
        {
            return Task.FromException<ResourceResponse>(failure);
        }

        Calls.Enqueue(new ConnectorCall(operation, serviceUrl, conversationId, activityId, activity));
        return Task.FromResult(new ResourceResponse("sent-" + Interlocked.Increment(ref _nextId)));
    }
}
