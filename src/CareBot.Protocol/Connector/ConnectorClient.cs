using System.Text.Json;
using System.Text.Json.Nodes;
using CareBot.Protocol.Auth;
using CareBot.Protocol.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Protocol.Connector;

/// <summary>
/// The Bot Framework Connector REST API v3 over HttpClient (a typed client: see
/// <see cref="ConnectorServiceCollectionExtensions.AddBotFrameworkConnector"/>). Each call builds
/// <c>{serviceUrl}v3/conversations/…</c> with escaped ids, attaches the bot's bearer token only to trusted serviceUrls,
/// and retries transient failures (see <see cref="ConnectorOptions"/>).
/// </summary>
public sealed class ConnectorClient : IConnectorClient
{
    private readonly ConnectorTransport _transport;

    public ConnectorClient(
        HttpClient httpClient,
        IConnectorTokenProvider tokenProvider,
        ITrustedServiceUrls trustedServiceUrls,
        IOptions<ConnectorOptions> options,
        TimeProvider timeProvider,
        ILogger<ConnectorClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _transport = new ConnectorTransport(httpClient, tokenProvider, trustedServiceUrls, options.Value, timeProvider, logger);
    }

    /// <inheritdoc />
    public async Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var baseUrl = ServiceUrls.ToBase(serviceUrl);
        var uri = ServiceUrls.Conversations(baseUrl, ServiceUrls.Escape(conversationId, nameof(conversationId)), "activities");
        var request = new ConnectorRequest("SendToConversation", HttpMethod.Post, baseUrl, uri, OutgoingActivity(activity), ConnectorRequest.Created);
        return await SendForResourceAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var baseUrl = ServiceUrls.ToBase(serviceUrl);
        var uri = ServiceUrls.Conversations(
            baseUrl, ServiceUrls.Escape(conversationId, nameof(conversationId)), "activities", ServiceUrls.Escape(activityId, nameof(activityId)));
        var request = new ConnectorRequest("ReplyToActivity", HttpMethod.Post, baseUrl, uri, OutgoingActivity(activity), ConnectorRequest.Created);
        return await SendForResourceAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var baseUrl = ServiceUrls.ToBase(serviceUrl);
        var uri = ServiceUrls.Conversations(
            baseUrl, ServiceUrls.Escape(conversationId, nameof(conversationId)), "activities", ServiceUrls.Escape(activityId, nameof(activityId)));
        var request = new ConnectorRequest("UpdateActivity", HttpMethod.Put, baseUrl, uri, OutgoingActivity(activity), ConnectorRequest.Created);
        return await SendForResourceAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken)
    {
        var baseUrl = ServiceUrls.ToBase(serviceUrl);
        var uri = ServiceUrls.Conversations(
            baseUrl, ServiceUrls.Escape(conversationId, nameof(conversationId)), "activities", ServiceUrls.Escape(activityId, nameof(activityId)));
        var request = new ConnectorRequest("DeleteActivity", HttpMethod.Delete, baseUrl, uri, null, ConnectorRequest.Deleted);
        await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var baseUrl = ServiceUrls.ToBase(serviceUrl);
        var uri = ServiceUrls.Conversations(baseUrl);
        var body = ActivityJson.SerializeToUtf8Bytes(parameters);
        var request = new ConnectorRequest("CreateConversation", HttpMethod.Post, baseUrl, uri, body, ConnectorRequest.Created);
        var answer = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return Read<ConversationResourceResponse>(request, answer) ?? new ConversationResourceResponse();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChannelAccount>> GetConversationMembersAsync(string serviceUrl, string conversationId, CancellationToken cancellationToken)
    {
        var baseUrl = ServiceUrls.ToBase(serviceUrl);
        var uri = ServiceUrls.Conversations(baseUrl, ServiceUrls.Escape(conversationId, nameof(conversationId)), "members");
        var request = new ConnectorRequest("GetConversationMembers", HttpMethod.Get, baseUrl, uri, null, ConnectorRequest.Read);
        var answer = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return Read<List<ChannelAccount>>(request, answer) ?? [];
    }

    /// <inheritdoc />
    public async Task<ChannelAccount> GetConversationMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken)
    {
        var baseUrl = ServiceUrls.ToBase(serviceUrl);
        var uri = ServiceUrls.Conversations(
            baseUrl, ServiceUrls.Escape(conversationId, nameof(conversationId)), "members", ServiceUrls.Escape(memberId, nameof(memberId)));
        var request = new ConnectorRequest("GetConversationMember", HttpMethod.Get, baseUrl, uri, null, ConnectorRequest.Read);
        var answer = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return Read<ChannelAccount>(request, answer)
            ?? throw new ConnectorException($"The channel answered GetConversationMember {uri} with an empty body; expected a ChannelAccount.", null, isTransient: false);
    }

    /// <inheritdoc />
    public async Task<byte[]> GetAttachmentAsync(string serviceUrl, string attachmentId, string viewId, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        var baseUrl = ServiceUrls.ToBase(serviceUrl);
        var uri = ServiceUrls.AttachmentView(baseUrl, attachmentId, viewId);
        var request = new ConnectorRequest("GetAttachment", HttpMethod.Get, baseUrl, uri, null, ConnectorRequest.Read) { MaxResponseBytes = maxBytes };
        return await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The activity as sent, without touching the caller's object. <c>serviceUrl</c> is left out (the channel ignores it).
    /// <c>id</c> is left out too, as the SDK does, because the channel assigns ids and an id copied from an inbound
    /// activity is not ours to send. The exception is an id the bot minted for a message it may have to send again
    /// (<see cref="SenderActivityIds"/>): it stays, so a repeat after a crash carries the same id and the receiver can drop it.
    /// </summary>
    private static byte[] OutgoingActivity(Activity activity)
    {
        var json = JsonSerializer.SerializeToNode(activity, ActivityJson.Options)?.AsObject()
            ?? throw new ArgumentException("The activity serialized to null.", nameof(activity));
        if (!SenderActivityIds.IsSenderId(activity.Id))
        {
            json.Remove("id");
        }

        json.Remove("serviceUrl");
        return JsonSerializer.SerializeToUtf8Bytes<JsonNode>(json, ActivityJson.Options);
    }

    /// <summary>An empty body is a success without an id: some channels (e.g. offline-directline) answer 200 with nothing.</summary>
    private async Task<ResourceResponse> SendForResourceAsync(ConnectorRequest request, CancellationToken cancellationToken)
    {
        var answer = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return Read<ResourceResponse>(request, answer) ?? new ResourceResponse();
    }

    private static T? Read<T>(ConnectorRequest request, byte[] body)
        where T : class
    {
        if (body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return null;
        }

        try
        {
            return ActivityJson.Deserialize<T>(body);
        }
        catch (JsonException exception)
        {
            // Not transient: the channel did act on the call, so repeating it could post the message twice.
            throw new ConnectorException(
                $"The channel answered {request.Operation} {request.Uri} with a success status but a body that is not a valid {typeof(T).Name}: {exception.Message}",
                null,
                isTransient: false,
                innerException: exception);
        }
    }
}
