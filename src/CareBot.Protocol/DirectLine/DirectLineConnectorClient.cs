using System.Net;
using CareBot.Protocol.Connector;
using CareBot.Protocol.Schema;

namespace CareBot.Protocol.DirectLine;

/// <summary>
/// A decorator of <see cref="IConnectorClient"/>: calls addressed to the built-in Direct Line channel's serviceUrl are
/// served in-process by <see cref="DirectLineChannel"/> (so replies, proactive messages and agent replies relayed
/// later all reach Direct Line clients); every other serviceUrl goes to the decorated client unchanged. A send or reply
/// that carries an <c>id</c> already delivered to the conversation is a redelivery: nothing is appended and the first
/// delivery's <see cref="ResourceResponse"/> id is returned (see <see cref="DirectLineChannel.AppendFromBot"/>).
/// </summary>
internal sealed class DirectLineConnectorClient : IConnectorClient
{
    private readonly IConnectorClient _inner;
    private readonly DirectLineChannel _channel;

    public DirectLineConnectorClient(IConnectorClient inner, DirectLineChannel channel)
    {
        _inner = inner;
        _channel = channel;
    }

    public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        _channel.Owns(serviceUrl)
            ? AppendAsync(conversationId, activity, cancellationToken)
            : _inner.SendToConversationAsync(serviceUrl, conversationId, activity, cancellationToken);

    public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        if (!_channel.Owns(serviceUrl))
        {
            return _inner.ReplyToActivityAsync(serviceUrl, conversationId, activityId, activity, cancellationToken);
        }

        activity.ReplyToId = activityId;
        return AppendAsync(conversationId, activity, cancellationToken);
    }

    public async Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        if (!_channel.Owns(serviceUrl))
        {
            return await _inner.UpdateActivityAsync(serviceUrl, conversationId, activityId, activity, cancellationToken).ConfigureAwait(false);
        }

        await _channel.FindOrThrowAsync(conversationId, cancellationToken).ConfigureAwait(false);
        activity.ChannelId = Channels.DirectLine;
        activity.ServiceUrl = _channel.ServiceUrl;
        activity.From ??= _channel.Bot;
        return await _channel.Store.ReplaceAsync(conversationId, activityId, activity, cancellationToken).ConfigureAwait(false)
            ? new ResourceResponse(activityId)
            : throw ActivityNotFound(conversationId, activityId);
    }

    public async Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken)
    {
        if (!_channel.Owns(serviceUrl))
        {
            await _inner.DeleteActivityAsync(serviceUrl, conversationId, activityId, cancellationToken).ConfigureAwait(false);
            return;
        }

        await _channel.FindOrThrowAsync(conversationId, cancellationToken).ConfigureAwait(false);
        if (!await _channel.Store.DeleteAsync(conversationId, activityId, cancellationToken).ConfigureAwait(false))
        {
            throw ActivityNotFound(conversationId, activityId);
        }
    }

    public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken) =>
        _channel.Owns(serviceUrl)
            ? _channel.CreatePrivateConversationAsync(parameters, cancellationToken)
            : _inner.CreateConversationAsync(serviceUrl, parameters, cancellationToken);

    public async Task<IReadOnlyList<ChannelAccount>> GetConversationMembersAsync(string serviceUrl, string conversationId, CancellationToken cancellationToken)
    {
        if (!_channel.Owns(serviceUrl))
        {
            return await _inner.GetConversationMembersAsync(serviceUrl, conversationId, cancellationToken).ConfigureAwait(false);
        }

        await _channel.FindOrThrowAsync(conversationId, cancellationToken).ConfigureAwait(false);
        var memberIds = await _channel.Store.GetMembersAsync(conversationId, cancellationToken).ConfigureAwait(false);
        return [_channel.Bot, .. memberIds.Select(id => new ChannelAccount(id, role: RoleTypes.User))];
    }

    /// <summary>The built-in channel's files are in the bot's own file store already: only other channels are asked.</summary>
    public Task<byte[]> GetAttachmentAsync(string serviceUrl, string attachmentId, string viewId, int maxBytes, CancellationToken cancellationToken) =>
        _channel.Owns(serviceUrl)
            ? throw new ConnectorException($"The built-in Direct Line channel serves its files at {DirectLineUploadLinks.PathPrefix}, not as Connector attachments.",
                HttpStatusCode.NotFound, isTransient: false, "NotFound")
            : _inner.GetAttachmentAsync(serviceUrl, attachmentId, viewId, maxBytes, cancellationToken);

    public async Task<ChannelAccount> GetConversationMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken)
    {
        if (!_channel.Owns(serviceUrl))
        {
            return await _inner.GetConversationMemberAsync(serviceUrl, conversationId, memberId, cancellationToken).ConfigureAwait(false);
        }

        var members = await GetConversationMembersAsync(serviceUrl, conversationId, cancellationToken).ConfigureAwait(false);
        return members.FirstOrDefault(m => m.Id == memberId)
            ?? throw new ConnectorException($"'{memberId}' is not a member of Direct Line conversation '{conversationId}'.",
                HttpStatusCode.NotFound, isTransient: false, "MemberNotFound");
    }

    private async Task<ResourceResponse> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        // Clients never see conversationUpdate (as on Azure's Direct Line); accept it and record nothing.
        if (activity.Type == ActivityTypes.ConversationUpdate)
        {
            await _channel.FindOrThrowAsync(conversationId, cancellationToken).ConfigureAwait(false);
            return new ResourceResponse();
        }

        return new ResourceResponse(await _channel.AppendFromBotAsync(conversationId, activity, cancellationToken).ConfigureAwait(false));
    }

    private static ConnectorException ActivityNotFound(string conversationId, string activityId) =>
        new($"Activity '{activityId}' does not exist in Direct Line conversation '{conversationId}'.",
            HttpStatusCode.NotFound, isTransient: false, "ActivityNotFound");
}
