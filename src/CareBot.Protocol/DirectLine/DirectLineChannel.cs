using System.Net;
using System.Text.Json;
using CareBot.Protocol.Connector;
using CareBot.Protocol.Hosting;
using CareBot.Protocol.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Protocol.DirectLine;

/// <summary>
/// The built-in Direct Line channel: how it stamps activities and opens private conversations, over an
/// <see cref="IDirectLineStore"/> that keeps conversations, tokens and history (in memory for one process, or in
/// PostgreSQL for several instances).
/// </summary>
internal sealed class DirectLineChannel : IReservedConversations
{
    /// <summary>The name of the event the channel pushes into a public conversation when the bot opens a private one.</summary>
    public const string PrivateConversationEventName = "carebot.privateConversation";

    private readonly DirectLineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DirectLineChannel> _logger;
    private readonly IUserTextRedactor? _redactor;

    public DirectLineChannel(
        IOptions<DirectLineOptions> options, DirectLineTokens tokens, IDirectLineStore store, TimeProvider time, ILogger<DirectLineChannel> logger,
        IUserTextRedactor? redactor = null)
    {
        _redactor = redactor;
        _options = options.Value;
        Tokens = tokens;
        Store = store;
        _time = time;
        _logger = logger;
        ServiceUrl = ServiceUrls.Normalize(_options.ServiceUrl);
        UploadSlots = new SemaphoreSlim(_options.MaxConcurrentUploads, _options.MaxConcurrentUploads);
    }

    /// <summary>
    /// One slot per upload being read: an upload is held in memory until it is stored, so their number bounds that
    /// memory (<see cref="DirectLineOptions.MaxConcurrentUploads"/> × <see cref="DirectLineOptions.MaxUploadBytes"/>).
    /// </summary>
    public SemaphoreSlim UploadSlots { get; }

    /// <summary>The serviceUrl stamped on this channel's activities, normalized (one trailing slash).</summary>
    public string ServiceUrl { get; }

    /// <summary>The bot's account on this channel.</summary>
    public ChannelAccount Bot => new(_options.BotId, _options.BotName, RoleTypes.Bot);

    /// <summary>The secret and the token lifetime.</summary>
    public DirectLineTokens Tokens { get; }

    public IDirectLineStore Store { get; }

    public DirectLineOptions Options => _options;

    public TimeProvider Time => _time;

    /// <summary>True when <paramref name="serviceUrl"/> is this channel's.</summary>
    public bool Owns(string? serviceUrl) =>
        serviceUrl is { Length: > 0 } && string.Equals(ServiceUrls.Normalize(serviceUrl), ServiceUrl, StringComparison.OrdinalIgnoreCase);

    /// <summary>Activities of this channel come only from its own endpoints, never through <c>POST /api/messages</c>.</summary>
    public bool IsReserved(string serviceUrl, string conversationId) =>
        Owns(serviceUrl) || (Store is IReservedConversations reserved && reserved.IsReserved(serviceUrl, conversationId));

    /// <summary>What the in-memory store holds now (all zero with another store).</summary>
    public DirectLineDiagnostics Diagnostics() =>
        Store is InMemoryDirectLineStore memory ? memory.Diagnostics() : new DirectLineDiagnostics(0, 0, 0, 0, 0);

    /// <summary>
    /// Stamps a client's activity as the channel does (channelId <c>directline</c>, serviceUrl, recipient = the bot,
    /// <c>from</c> and <c>channelData</c> kept) and records it (the echo).
    /// </summary>
    public async Task<string> AppendFromUserAsync(DirectLineConversationInfo conversation, Activity activity, CancellationToken cancellationToken)
    {
        activity.ChannelId = Channels.DirectLine;
        activity.ServiceUrl = ServiceUrl;
        activity.Recipient = Bot;
        activity.CallerId = null;
        if (activity.From is not null)
        {
            activity.From.Role ??= RoleTypes.User;
        }

        if (conversation.IsPublic && activity.From?.Id is { } userId
            && (await Store.GetMembersAsync(conversation.Id, cancellationToken).ConfigureAwait(false)).Contains(userId, StringComparer.Ordinal))
        {
            await Store.SetPublicConversationAsync(userId, conversation.Id, cancellationToken).ConfigureAwait(false);
        }

        // The history keeps the redacted text; the same activity then goes to the bot with the text as sent.
        var sent = activity.Text;
        activity.Text = _redactor is null ? sent : _redactor.Redact(sent);
        try
        {
            return await Store.AppendAsync(conversation.Id, activity, null, cancellationToken).ConfigureAwait(false)
                ?? throw NotFound(conversation.Id);
        }
        finally
        {
            activity.Text = sent;
        }
    }

    /// <summary>
    /// Records an activity the bot sent (through the Connector decorator) and streams it. An activity that comes with
    /// an <c>id</c> is delivered at most once per conversation: the outbox redelivers after a crash with the same id, so
    /// a repeat records nothing and gets the id the first delivery got. Without an id every send is new.
    /// </summary>
    public async Task<string> AppendFromBotAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        var senderActivityId = activity.Id;
        activity.ChannelId = Channels.DirectLine;
        activity.ServiceUrl = ServiceUrl;
        activity.From ??= Bot;
        return await Store.AppendAsync(conversationId, activity, senderActivityId is { Length: > 0 } ? senderActivityId : null, cancellationToken).ConfigureAwait(false)
            ?? throw NotFound(conversationId);
    }

    public async Task<DirectLineConversationInfo> FindOrThrowAsync(string conversationId, CancellationToken cancellationToken) =>
        await Store.FindAsync(conversationId, cancellationToken).ConfigureAwait(false) ?? throw NotFound(conversationId);

    /// <summary>
    /// The bot's create-conversation: opens a private conversation for the one user member, posts the optional first
    /// activity, and tells that user's public conversation (if any) with a <see cref="PrivateConversationEventName"/>
    /// event carrying the new conversation id and a token for it, so the page can open its DM panel.
    /// </summary>
    public async Task<ConversationResourceResponse> CreatePrivateConversationAsync(ConversationParameters parameters, CancellationToken cancellationToken)
    {
        if (parameters.Members is not [{ Id: { Length: > 0 } } member])
        {
            throw new ConnectorException(
                "Direct Line create-conversation needs exactly one member (the user to talk to privately) with an id.",
                HttpStatusCode.BadRequest, isTransient: false, "BadArgument");
        }

        var user = new ChannelAccount(member.Id!, member.Name, RoleTypes.User);
        var conversation = await Store.CreateAsync(isPublic: false, user, cancellationToken).ConfigureAwait(false);
        await Store.TryStartAsync(conversation.Id, cancellationToken).ConfigureAwait(false);
        await Store.TryAddMemberAsync(conversation.Id, user.Id!, cancellationToken).ConfigureAwait(false);

        string? activityId = null;
        if (parameters.Activity is { } first)
        {
            first.Recipient ??= user;
            activityId = await AppendFromBotAsync(conversation.Id, first, cancellationToken).ConfigureAwait(false);
        }

        var publicConversationId = await Store.FindPublicConversationAsync(user.Id!, cancellationToken).ConfigureAwait(false);
        if (publicConversationId is not null)
        {
            var token = await Store.IssueTokenAsync(conversation.Id, user.Id, null, cancellationToken).ConfigureAwait(false);
            var value = JsonSerializer.SerializeToElement(new Dictionary<string, object>
            {
                ["conversationId"] = conversation.Id,
                ["token"] = token,
                ["expires_in"] = Tokens.ExpiresInSeconds,
                ["userId"] = user.Id!,
            });
            await Store.AppendAsync(publicConversationId, new Activity
            {
                Type = ActivityTypes.Event,
                Name = PrivateConversationEventName,
                ChannelId = Channels.DirectLine,
                From = new ChannelAccount(Channels.DirectLine, "Direct Line", "channel"),
                Recipient = user,
                Value = value,
            }, null, cancellationToken).ConfigureAwait(false);
        }

        DirectLineLog.PrivateConversationCreated(_logger, conversation.Id, user.Id!, publicConversationId);
        return new ConversationResourceResponse { Id = conversation.Id, ServiceUrl = ServiceUrl, ActivityId = activityId };
    }

    private static ConnectorException NotFound(string conversationId) => new(
        $"Direct Line conversation '{conversationId}' does not exist (or has ended).",
        HttpStatusCode.NotFound, isTransient: false, "ConversationNotFound");
}
