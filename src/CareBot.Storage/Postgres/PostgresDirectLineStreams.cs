using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using CareBot.Protocol.DirectLine;
using CareBot.Storage.Migrations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CareBot.Storage.Postgres;

/// <summary>
/// The Direct Line WebSockets open on this instance, fed from PostgreSQL: an append on any instance notifies
/// <see cref="Channel"/> with the conversation id, and this instance reads the new rows of that conversation after the
/// position it last streamed, in position order, and offers each to its sockets of that conversation. A lost notification
/// costs a delay (every conversation streamed here is also read every <see cref="PollInterval"/>), never an activity.
/// </summary>
internal sealed class PostgresDirectLineStreams : BackgroundService
{
    public const string Channel = "carebot_directline";

    /// <summary>Ends the payload that says a conversation was forgotten (its sockets close on every instance).</summary>
    public const string ForgottenMarker = "|f|";

    private const string UpdateMarker = "|u|";
    private const int RowsPerRead = 500;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, LocalConversation> conversations = new(StringComparer.Ordinal);
    private readonly Channel<string> wakes = System.Threading.Channels.Channel.CreateBounded<string>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly NpgsqlDataSource dataSource;
    private readonly StorageInitializer initializer;
    private readonly DirectLineOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<PostgresDirectLineStreams> logger;

    public PostgresDirectLineStreams(
        NpgsqlDataSource dataSource, StorageInitializer initializer, PostgresNotifications notifications,
        IOptions<DirectLineOptions> options, TimeProvider time, ILogger<PostgresDirectLineStreams> logger)
    {
        this.dataSource = dataSource;
        this.initializer = initializer;
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
        notifications.Listen(Channel, payload =>
        {
            // Only conversations streamed here matter; an empty payload (a new LISTEN connection) means catch up on all.
            var marker = payload.IndexOf('|', StringComparison.Ordinal);
            var conversationId = marker < 0 ? payload : payload[..marker];
            if (payload.Length == 0 || conversations.ContainsKey(conversationId))
            {
                wakes.Writer.TryWrite(payload);
            }
        });
    }

    /// <summary>The notification payload of an update (a replaced activity is streamed again, at the newest watermark).</summary>
    public static string UpdatePayload(string conversationId, int position) =>
        conversationId + UpdateMarker + position.ToString(CultureInfo.InvariantCulture);

    /// <summary>Conversations with a WebSocket open here: they are never idle, whatever their last request.</summary>
    public string[] StreamedConversations() => [.. conversations.Where(c => c.Value.HasSinks).Select(c => c.Key)];

    public async Task<IReadOnlyList<IDirectLineStreamSink>> SubscribeAsync(
        string conversationId, IDirectLineStreamSink sink, int watermark, CancellationToken cancellationToken)
    {
        while (true)
        {
            var local = conversations.GetOrAdd(conversationId, _ => new LocalConversation());
            await local.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (local.Removed)
                {
                    continue; // forgotten while we waited: take the new one
                }

                // The first socket here starts the live cursor at the newest committed position (all below it are
                // committed: positions are given under the conversation row's lock).
                var cursor = local.Cursor ??= await ReadEndAsync(conversationId, cancellationToken).ConfigureAwait(false) ?? watermark;
                await foreach (var (position, json, type) in ReadAsync(conversationId, watermark, cursor, cancellationToken).ConfigureAwait(false))
                {
                    if (type != Protocol.Schema.ActivityTypes.Typing)
                    {
                        sink.Replay(DirectLineActivitySets.Frame([json], position + 1));
                    }
                }

                return local.Add(sink, options.MaxStreamsPerConversation);
            }
            finally
            {
                local.Gate.Release();
            }
        }
    }

    public void Unsubscribe(string conversationId, IDirectLineStreamSink sink)
    {
        if (conversations.TryGetValue(conversationId, out var local))
        {
            local.Remove(sink);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastTouch = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                poll.CancelAfter(PollInterval);
                string? payload = null;
                try
                {
                    payload = await wakes.Reader.ReadAsync(poll.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // The poll interval passed: read every streamed conversation, in case a notification was lost.
                }

                if (payload is { Length: > 0 })
                {
                    await DispatchAsync(payload, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                foreach (var conversationId in conversations.Keys)
                {
                    await PumpAsync(conversationId, stoppingToken).ConfigureAwait(false);
                }

                // A socket keeps its conversation in use on every instance, however long it is quiet.
                if (time.GetUtcNow() - lastTouch > options.ConversationIdleTimeout / 4)
                {
                    lastTouch = time.GetUtcNow();
                    await TouchStreamedAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                logger.DirectLineStreamReadFailed(exception);
                await Task.Delay(RetryDelay, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task DispatchAsync(string payload, CancellationToken cancellationToken)
    {
        if (payload.EndsWith(ForgottenMarker, StringComparison.Ordinal))
        {
            await DropAsync(payload[..^ForgottenMarker.Length], cancellationToken).ConfigureAwait(false);
            return;
        }

        var parts = payload.Split(UpdateMarker);
        if (parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var position))
        {
            await PumpUpdateAsync(parts[0], position, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await PumpAsync(payload, cancellationToken).ConfigureAwait(false);
        }
    }

    // Streams what was appended after the cursor, in position order; forgets a conversation nobody streams here.
    private async Task PumpAsync(string conversationId, CancellationToken cancellationToken)
    {
        if (!conversations.TryGetValue(conversationId, out var local))
        {
            return;
        }

        await local.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!local.HasSinks)
            {
                local.Removed = true;
                conversations.TryRemove(new KeyValuePair<string, LocalConversation>(conversationId, local));
                return;
            }

            if (local.Cursor is not { } cursor)
            {
                return;
            }

            // The end first: every position below it is committed (the row lock is held until the append commits), so
            // reading up to it and moving the cursor there skips nothing; deleted or dropped rows are the only gaps.
            if (await ReadEndAsync(conversationId, cancellationToken).ConfigureAwait(false) is not { } end || end <= cursor)
            {
                return;
            }

            await foreach (var (position, json, _) in ReadAsync(conversationId, cursor, end, cancellationToken).ConfigureAwait(false))
            {
                local.Offer(DirectLineActivitySets.Frame([json], position + 1));
            }

            local.Cursor = end;
        }
        finally
        {
            local.Gate.Release();
        }
    }

    // The conversation was forgotten (evicted for room, or idle): its sockets here end, as on the instance that forgot it.
    private async Task DropAsync(string conversationId, CancellationToken cancellationToken)
    {
        if (!conversations.TryGetValue(conversationId, out var local))
        {
            return;
        }

        await local.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            local.DropAll("the conversation was forgotten (DirectLine:MaxConversations or its idle timeout)");
            local.Removed = true;
            conversations.TryRemove(new KeyValuePair<string, LocalConversation>(conversationId, local));
        }
        finally
        {
            local.Gate.Release();
        }
    }

    private async Task PumpUpdateAsync(string conversationId, int position, CancellationToken cancellationToken)
    {
        if (!conversations.TryGetValue(conversationId, out var local))
        {
            return;
        }

        await local.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (local.Cursor is { } cursor && position < cursor)
            {
                await foreach (var (_, json, _) in ReadAsync(conversationId, position, position + 1, cancellationToken).ConfigureAwait(false))
                {
                    local.Offer(DirectLineActivitySets.Frame([json], cursor));
                }
            }
        }
        finally
        {
            local.Gate.Release();
        }
    }

    private async IAsyncEnumerable<(int Position, string Json, string Type)> ReadAsync(
        string conversationId, int from, int before, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        while (from < before)
        {
            var read = 0;
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(
                """
                SELECT position, json, type FROM directline_activities
                WHERE conversation_id = $1 AND position >= $2 AND position < $3 AND json IS NOT NULL
                ORDER BY position LIMIT $4;
                """, connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = conversationId });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = from });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = before });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = RowsPerRead });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                read++;
                var position = reader.GetInt32(0);
                from = position + 1;
                yield return (position, reader.GetString(1), reader.GetString(2));
            }

            if (read < RowsPerRead)
            {
                yield break;
            }
        }
    }

    private async Task<int?> ReadEndAsync(string conversationId, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("SELECT next_position FROM directline_conversations WHERE id = $1;");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = conversationId });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as int?;
    }

    private async Task TouchStreamedAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE directline_conversations SET last_active = $2 WHERE id = ANY($1);");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = StreamedConversations() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The sockets of one conversation on this instance and the position streamed up to.</summary>
    private sealed class LocalConversation
    {
        private readonly Lock sinksLock = new();
        private readonly List<IDirectLineStreamSink> sinks = [];

        /// <summary>Held while reading and offering, so catch-up and live frames never interleave.</summary>
        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>The next position to stream live; null until the first socket subscribed.</summary>
        public int? Cursor { get; set; }

        /// <summary>Taken out of the map (no socket left): a late subscriber takes a new one.</summary>
        public bool Removed { get; set; }

        public bool HasSinks
        {
            get
            {
                lock (sinksLock)
                {
                    return sinks.Count > 0;
                }
            }
        }

        public List<IDirectLineStreamSink> Add(IDirectLineStreamSink sink, int max)
        {
            lock (sinksLock)
            {
                sinks.Add(sink);
                List<IDirectLineStreamSink> displaced = [];
                while (sinks.Count > max)
                {
                    displaced.Add(sinks[0]);
                    sinks.RemoveAt(0);
                }

                return displaced;
            }
        }

        public void Remove(IDirectLineStreamSink sink)
        {
            lock (sinksLock)
            {
                sinks.Remove(sink);
            }
        }

        public void DropAll(string reason)
        {
            lock (sinksLock)
            {
                foreach (var sink in sinks)
                {
                    sink.Drop(reason);
                }

                sinks.Clear();
            }
        }

        public void Offer(string frame)
        {
            lock (sinksLock)
            {
                foreach (var sink in sinks.ToArray())
                {
                    sink.Offer(frame);
                    if (sink.DropReason is not null)
                    {
                        sinks.Remove(sink);
                    }
                }
            }
        }
    }
}
