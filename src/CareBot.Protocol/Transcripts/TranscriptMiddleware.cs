using System.Text.Json;
using System.Text.Json.Nodes;
using CareBot.Protocol.Schema;
using CareBot.Protocol.Turns;
using Microsoft.Extensions.Logging;

namespace CareBot.Protocol.Transcripts;

/// <summary>
/// Records every turn in the <see cref="ITranscriptStore"/>: the inbound activity (its <c>from.role</c> set to
/// <c>user</c> when missing) and then every activity the bot sent, in send order (role <c>bot</c>, with the id the channel
/// gave it), in one append per turn.
/// </summary>
/// <remarks>
/// Only successful turns are recorded: a failed turn is released for the channel's retry, and recording it would write
/// the inbound activity twice. A store failure is logged and swallowed: the replies already reached the customer, and
/// failing the turn now would make the channel retry and send them again.
/// </remarks>
public sealed class TranscriptMiddleware : ITurnMiddleware
{
    private readonly ITranscriptStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<TranscriptMiddleware> _logger;

    public TranscriptMiddleware(ITranscriptStore store, TimeProvider timeProvider, ILogger<TranscriptMiddleware> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task OnTurnAsync(TurnContext turnContext, Func<CancellationToken, Task> nextAsync, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(nextAsync);
        var inbound = turnContext.Activity;
        if (inbound.ChannelId is not { } channelId || inbound.Conversation?.Id is not { } conversationId)
        {
            // Nothing to file it under.
            await nextAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        // Serialized before the turn so later changes by the bot don't leak into the record of what arrived.
        var now = _timeProvider.GetUtcNow();
        var entries = new List<TranscriptEntry> { Record(inbound, RoleTypes.User, inbound.Id, channelId, conversationId, now) };

        await nextAsync(cancellationToken).ConfigureAwait(false);

        foreach (var sent in turnContext.SentActivities)
        {
            entries.Add(Record(sent.Activity, RoleTypes.Bot, sent.Response.Id, channelId, conversationId, _timeProvider.GetUtcNow()));
        }

        try
        {
            await _store.AppendAsync(entries, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.TranscriptAppendFailed(_logger, exception, LogSanitizer.Sanitize(inbound.Id), LogSanitizer.Sanitize(conversationId));
        }
    }

    // Works on a JSON copy so the live activities are not changed. Like the SDK's transcript logger: a missing role,
    // id or timestamp is filled in (ids the channel didn't give become g_<guid>).
    private static TranscriptEntry Record(Activity activity, string role, string? id, string channelId, string conversationId, DateTimeOffset now)
    {
        var node = JsonSerializer.SerializeToNode(activity, ActivityJson.Options)!.AsObject();
        node["id"] = id is { Length: > 0 } ? id : activity.Id ?? "g_" + Guid.NewGuid().ToString("N");
        if (node["from"] is JsonObject from)
        {
            if (from["role"] is null || role == RoleTypes.Bot)
            {
                from["role"] = role;
            }
        }
        else
        {
            node["from"] = new JsonObject { ["role"] = role };
        }

        var timestamp = activity.Timestamp ?? now;
        node["timestamp"] ??= JsonSerializer.SerializeToNode(timestamp, ActivityJson.Options);
        return new TranscriptEntry(channelId, conversationId, timestamp, node.ToJsonString(ActivityJson.Options));
    }
}
