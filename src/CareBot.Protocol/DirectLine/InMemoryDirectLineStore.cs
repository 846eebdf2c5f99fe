using System.Collections.Concurrent;
using System.Security.Cryptography;
using CareBot.Protocol.Hosting;
using CareBot.Protocol.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Protocol.DirectLine;

/// <summary>
/// The Direct Line channel's state in this process's memory (one instance): conversations by id, the tokens issued, and
/// for each user the public conversation they last wrote in. Bounded: at most
/// <see cref="DirectLineOptions.MaxConversations"/> conversations, idle ones forgotten after
/// <see cref="DirectLineOptions.ConversationIdleTimeout"/>, each conversation bounded by <see cref="DirectLineConversationLimits"/>.
/// </summary>
internal sealed class InMemoryDirectLineStore : IDirectLineStore, IReservedConversations
{
    private readonly ConcurrentDictionary<string, DirectLineConversation> _conversations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _publicConversationByUser = new(StringComparer.Ordinal);
    private readonly Lock _admission = new();
    private readonly DirectLineOptions _options;
    private readonly DirectLineConversationLimits _limits;
    private readonly DirectLineTokens _tokens;
    private readonly TimeProvider _time;
    private readonly ILogger<InMemoryDirectLineStore> _logger;

    public InMemoryDirectLineStore(IOptions<DirectLineOptions> options, DirectLineTokens tokens, TimeProvider time, ILogger<InMemoryDirectLineStore> logger)
    {
        _options = options.Value;
        _limits = DirectLineConversationLimits.From(_options);
        _tokens = tokens;
        _time = time;
        _logger = logger;
    }

    /// <summary>A conversation of this channel is reached only through the channel (see <see cref="IReservedConversations"/>).</summary>
    public bool IsReserved(string serviceUrl, string conversationId) => _conversations.ContainsKey(conversationId);

    public Task<DirectLineConversationInfo> CreateAsync(bool isPublic, ChannelAccount? user, CancellationToken cancellationToken) =>
        Task.FromResult(Create(isPublic, user).Info());

    public Task<DirectLineConversationInfo?> FindAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult(Find(conversationId)?.Info());

    public Task<bool> TryStartAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult(Find(conversationId)?.TryStart() ?? false);

    public Task<bool> TryAddMemberAsync(string conversationId, string memberId, CancellationToken cancellationToken) =>
        Task.FromResult(Find(conversationId)?.TryAddMember(memberId) ?? false);

    public Task<IReadOnlyList<string>> GetMembersAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult(Find(conversationId)?.Members() ?? []);

    public Task MakePublicAsync(string conversationId, CancellationToken cancellationToken)
    {
        Find(conversationId)?.MakePublic();
        return Task.CompletedTask;
    }

    public Task<string> IssueTokenAsync(string conversationId, string? userId, string? replaces, CancellationToken cancellationToken)
    {
        var conversation = Find(conversationId)
            ?? throw new InvalidOperationException($"Direct Line conversation '{conversationId}' does not exist.");
        var token = _tokens.Issue(conversationId, userId);
        foreach (var displaced in conversation.AddToken(token, replaces))
        {
            _tokens.Revoke(displaced);
        }

        return Task.FromResult(token);
    }

    public Task<DirectLineGrant?> FindTokenAsync(string token, CancellationToken cancellationToken) =>
        Task.FromResult(_tokens.Find(token)?.Grant);

    public Task<string?> AppendAsync(string conversationId, Activity activity, string? senderActivityId, CancellationToken cancellationToken)
    {
        if (Find(conversationId) is not { } conversation)
        {
            return Task.FromResult<string?>(null);
        }

        var now = _time.GetUtcNow();
        return Task.FromResult<string?>(senderActivityId is { Length: > 0 }
            ? conversation.AppendOnce(senderActivityId, activity, now)
            : conversation.Append(activity, now));
    }

    public Task<bool> ReplaceAsync(string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        Task.FromResult(Find(conversationId)?.Replace(activityId, activity, _time.GetUtcNow()) ?? false);

    public Task<bool> DeleteAsync(string conversationId, string activityId, CancellationToken cancellationToken) =>
        Task.FromResult(Find(conversationId)?.Delete(activityId) ?? false);

    public Task<string> ReadSetAsync(string conversationId, int watermark, int max, int maxBytes, CancellationToken cancellationToken) =>
        Task.FromResult(Find(conversationId)?.ReadSet(watermark, max, maxBytes) ?? DirectLineActivitySets.Frame([], watermark));

    public Task<IReadOnlyList<IDirectLineStreamSink>> SubscribeAsync(string conversationId, IDirectLineStreamSink stream, int watermark, CancellationToken cancellationToken) =>
        Task.FromResult(Find(conversationId)?.Subscribe(stream, watermark) ?? []);

    public Task UnsubscribeAsync(string conversationId, IDirectLineStreamSink stream, CancellationToken cancellationToken)
    {
        if (_conversations.TryGetValue(conversationId, out var conversation))
        {
            conversation.Unsubscribe(stream);
            conversation.Touch(_time.GetUtcNow()); // idle from now on, not from when the socket opened
        }

        return Task.CompletedTask;
    }

    public Task SetPublicConversationAsync(string userId, string conversationId, CancellationToken cancellationToken)
    {
        _publicConversationByUser[userId] = conversationId;
        return Task.CompletedTask;
    }

    public Task<string?> FindPublicConversationAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult(_publicConversationByUser.TryGetValue(userId, out var id) && Find(id) is not null ? id : null);

    /// <summary>What the store holds now: conversations, tokens, streams and history.</summary>
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

    private DirectLineConversation Create(bool isPublic, ChannelAccount? user)
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

    private DirectLineConversation? Find(string conversationId)
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
