using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using CareBot.Protocol.Connector;
using CareBot.Protocol.Hosting;
using CareBot.Protocol.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Protocol.DirectLine;

/// <summary>
/// The built-in Direct Line channel's state: conversations by id, and for each user the public conversation they last
/// wrote in (where the page learns of a private conversation the bot opens). In memory, one process, and bounded: at most
/// <see cref="DirectLineOptions.MaxConversations"/> conversations, idle ones forgotten after
/// <see cref="DirectLineOptions.ConversationIdleTimeout"/>, each conversation bounded by <see cref="DirectLineConversationLimits"/>.
/// </summary>
internal sealed class DirectLineChannel : IReservedConversations
{
    /// <summary>The name of the event the channel pushes into a public conversation when the bot opens a private one.</summary>
    public const string PrivateConversationEventName = "carebot.privateConversation";

    private readonly ConcurrentDictionary<string, DirectLineConversation> _conversations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _publicConversationByUser = new(StringComparer.Ordinal);
    private readonly Lock _admission = new();
    private readonly DirectLineOptions _options;
    private readonly DirectLineConversationLimits _limits;
    private readonly DirectLineTokens _tokens;
    private readonly TimeProvider _time;
    private readonly ILogger<DirectLineChannel> _logger;

    public DirectLineChannel(IOptions<DirectLineOptions> options, DirectLineTokens tokens, TimeProvider time, ILogger<DirectLineChannel> logger)
    {
        _options = options.Value;
        _limits = DirectLineConversationLimits.From(_options);
        _tokens = tokens;
        _time = time;
        _logger = logger;
        ServiceUrl = ServiceUrls.Normalize(_options.ServiceUrl);
    }

    /// <summary>The serviceUrl stamped on this channel's activities, normalized (one trailing slash).</summary>
    public string ServiceUrl { get; }

    /// <summary>The bot's account on this channel.</summary>
    public ChannelAccount Bot => new(_options.BotId, _options.BotName, RoleTypes.Bot);

    public DirectLineTokens Tokens => _tokens;

    public DirectLineOptions Options => _options;

    public TimeProvider Time => _time;

    /// <summary>True when <paramref name="serviceUrl"/> is this channel's.</summary>
    public bool Owns(string? serviceUrl) =>
        serviceUrl is { Length: > 0 } && string.Equals(ServiceUrls.Normalize(serviceUrl), ServiceUrl, StringComparison.OrdinalIgnoreCase);

    /// <summary>Activities of this channel come only from its own endpoints, never through <c>POST /api/messages</c>.</summary>
    public bool IsReserved(string serviceUrl, string conversationId) => Owns(serviceUrl) || _conversations.ContainsKey(conversationId);

    /// <summary>
    /// Opens a new conversation. At <see cref="DirectLineOptions.MaxConversations"/> the idle ones are forgotten first,
    /// then the least recently used one (a conversation with an open WebSocket last).
    /// </summary>
    public DirectLineConversation Create(bool isPublic, ChannelAccount? user)
    {
        var now = _time.GetUtcNow();
        lock (_admission)
        {
            if (_conversations.Count >= _options.MaxConversations)
            {
                ForgetIdle(now);
            }

            while (_conversations.Count >= _options.MaxConversations && LeastRecentlyUsed() is { } evicted)
            {
                Forget(evicted, "evicted: the channel holds DirectLine:MaxConversations conversations");
                DirectLineLog.ConversationEvicted(_logger, evicted.Id, _options.MaxConversations);
            }

            while (true)
            {
                var conversation = new DirectLineConversation(NewConversationId(), isPublic, user, _limits, now);
                if (_conversations.TryAdd(conversation.Id, conversation))
                {
                    if (isPublic && user?.Id is { } userId)
                    {
                        _publicConversationByUser[userId] = conversation.Id;
                    }

                    return conversation;
                }
            }
        }
    }

    /// <summary>
    /// The conversation with this id, marked as used now; null when there is none or it was idle longer than
    /// <see cref="DirectLineOptions.ConversationIdleTimeout"/> (it is then forgotten).
    /// </summary>
    public DirectLineConversation? Find(string conversationId)
    {
        if (!_conversations.TryGetValue(conversationId, out var conversation))
        {
            return null;
        }

        var now = _time.GetUtcNow();
        if (IsIdle(conversation, now))
        {
            Forget(conversation, "the conversation expired");
            return null;
        }

        conversation.Touch(now);
        return conversation;
    }

    /// <summary>
    /// Issues a token for a conversation (and user, when known). A refresh names the token it <paramref name="replaces"/>:
    /// that one is revoked, so refreshing never accumulates grants; so is the oldest beyond a few per conversation.
    /// </summary>
    public string IssueToken(DirectLineConversation conversation, string? userId, string? replaces = null)
    {
        var token = _tokens.Issue(conversation.Id, userId);
        foreach (var displaced in conversation.AddToken(token, replaces))
        {
            _tokens.Revoke(displaced);
        }

        return token;
    }

    /// <summary>What the channel holds now: conversations, tokens, streams and history.</summary>
    public DirectLineDiagnostics Diagnostics()
    {
        int conversations = 0, streams = 0, activities = 0;
        long bytes = 0;
        foreach (var conversation in _conversations.Values)
        {
            var holdings = conversation.Holdings();
            conversations++;
            streams += holdings.Streams;
            activities += holdings.Activities;
            bytes += holdings.Bytes;
        }

        return new DirectLineDiagnostics(conversations, _tokens.Count, streams, activities, bytes);
    }

    /// <summary>
    /// Stamps a client's activity as the channel does (channelId <c>directline</c>, serviceUrl, recipient = the bot,
    /// conversation with its public flags; <c>from</c> and <c>channelData</c> kept) and records it (the echo).
    /// </summary>
    public string AppendFromUser(DirectLineConversation conversation, Activity activity)
    {
        activity.ChannelId = Channels.DirectLine;
        activity.ServiceUrl = ServiceUrl;
        activity.Recipient = Bot;
        activity.CallerId = null;
        if (activity.From is not null)
        {
            activity.From.Role ??= RoleTypes.User;
        }

        if (conversation.IsPublic && activity.From?.Id is { } userId && conversation.IsMember(userId))
        {
            _publicConversationByUser[userId] = conversation.Id;
        }

        return conversation.Append(activity, _time.GetUtcNow());
    }

    /// <summary>
    /// Records an activity the bot sent (through the Connector decorator) and streams it. An activity that comes with
    /// an <c>id</c> is delivered at most once per conversation: the outbox redelivers after a crash with the same id, so
    /// a repeat records nothing and gets the id the first delivery got. Without an id every send is new.
    /// </summary>
    public string AppendFromBot(string conversationId, Activity activity)
    {
        var conversation = FindOrThrow(conversationId);
        var senderActivityId = activity.Id;
        activity.ChannelId = Channels.DirectLine;
        activity.ServiceUrl = ServiceUrl;
        activity.From ??= Bot;
        return senderActivityId is { Length: > 0 }
            ? conversation.AppendOnce(senderActivityId, activity, _time.GetUtcNow())
            : conversation.Append(activity, _time.GetUtcNow());
    }

    public DirectLineConversation FindOrThrow(string conversationId) => Find(conversationId)
        ?? throw new ConnectorException(
            $"Direct Line conversation '{conversationId}' does not exist in this process (the built-in channel keeps conversations in memory).",
            HttpStatusCode.NotFound, isTransient: false, "ConversationNotFound");

    /// <summary>
    /// The bot's create-conversation: opens a private conversation for the one user member, posts the optional first
    /// activity, and tells that user's public conversation (if any) with a <see cref="PrivateConversationEventName"/>
    /// event carrying the new conversation id and a token for it, so the page can open its DM panel.
    /// </summary>
    public ConversationResourceResponse CreatePrivateConversation(ConversationParameters parameters)
    {
        if (parameters.Members is not [{ Id: { Length: > 0 } } member])
        {
            throw new ConnectorException(
                "Direct Line create-conversation needs exactly one member (the user to talk to privately) with an id.",
                HttpStatusCode.BadRequest, isTransient: false, "BadArgument");
        }

        var user = new ChannelAccount(member.Id!, member.Name, RoleTypes.User);
        var conversation = Create(isPublic: false, user);
        conversation.TryStart();
        conversation.TryAddMember(user.Id!);

        string? activityId = null;
        if (parameters.Activity is { } first)
        {
            first.Recipient ??= user;
            activityId = AppendFromBot(conversation.Id, first);
        }

        _publicConversationByUser.TryGetValue(user.Id!, out var publicConversationId);
        if (publicConversationId is not null && Find(publicConversationId) is { } publicConversation)
        {
            var token = IssueToken(conversation, user.Id);
            var value = JsonSerializer.SerializeToElement(new Dictionary<string, object>
            {
                ["conversationId"] = conversation.Id,
                ["token"] = token,
                ["expires_in"] = _tokens.ExpiresInSeconds,
                ["userId"] = user.Id!,
            });
            publicConversation.Append(new Activity
            {
                Type = ActivityTypes.Event,
                Name = PrivateConversationEventName,
                ChannelId = Channels.DirectLine,
                From = new ChannelAccount(Channels.DirectLine, "Direct Line", "channel"),
                Recipient = user,
                Value = value,
            }, _time.GetUtcNow());
        }

        DirectLineLog.PrivateConversationCreated(_logger, conversation.Id, user.Id!, publicConversationId);
        return new ConversationResourceResponse { Id = conversation.Id, ServiceUrl = ServiceUrl, ActivityId = activityId };
    }

    private bool IsIdle(DirectLineConversation conversation, DateTimeOffset now) =>
        now - conversation.LastActive > _options.ConversationIdleTimeout && !conversation.HasSubscribers;

    private void ForgetIdle(DateTimeOffset now)
    {
        foreach (var conversation in _conversations.Values)
        {
            if (IsIdle(conversation, now))
            {
                Forget(conversation, "the conversation expired");
            }
        }
    }

    // Quiet conversations go first; among them (or among the streaming ones, when all stream) the least recently used.
    private DirectLineConversation? LeastRecentlyUsed() => _conversations.Values
        .OrderBy(c => c.HasSubscribers)
        .ThenBy(c => c.LastActive)
        .FirstOrDefault();

    private void Forget(DirectLineConversation conversation, string reason)
    {
        if (!_conversations.TryRemove(new KeyValuePair<string, DirectLineConversation>(conversation.Id, conversation)))
        {
            return;
        }

        foreach (var memberId in conversation.Members())
        {
            _publicConversationByUser.TryRemove(new KeyValuePair<string, string>(memberId, conversation.Id));
        }

        if (conversation.User?.Id is { } userId)
        {
            _publicConversationByUser.TryRemove(new KeyValuePair<string, string>(userId, conversation.Id));
        }

        foreach (var token in conversation.Close(reason))
        {
            _tokens.Revoke(token);
        }
    }

    private static string NewConversationId() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
