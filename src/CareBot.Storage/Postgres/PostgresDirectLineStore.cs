using System.Security.Cryptography;
using System.Text;
using CareBot.Protocol.DirectLine;
using CareBot.Protocol.Hosting;
using CareBot.Protocol.Schema;
using CareBot.Storage.Migrations;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CareBot.Storage.Postgres;

/// <summary>
/// The Direct Line channel's state in PostgreSQL, so any instance serves any request of a conversation (start on A, post
/// on B, stream on A, poll on B). Positions are allocated under the conversation row's lock, so a conversation's
/// activities commit in position order and a watermark means the same on every instance; the history bounds
/// (<see cref="DirectLineOptions.MaxHistoryActivities"/>, <see cref="DirectLineOptions.MaxHistoryBytes"/>) are enforced
/// in the same transaction. Each append notifies <see cref="PostgresDirectLineStreams.Channel"/>, which wakes the
/// WebSockets of that conversation on every instance.
/// </summary>
/// <remarks>
/// Conversation ids start with <see cref="IdPrefix"/>, so <c>POST /api/messages</c> can refuse activities for them
/// without a database round trip (<see cref="IReservedConversations"/> is synchronous).
/// </remarks>
internal sealed class PostgresDirectLineStore : IDirectLineStore, IReservedConversations
{
    /// <summary>The prefix of every conversation id this store gives.</summary>
    public const string IdPrefix = "dl-";

    // As the in-memory store: the page's, a reconnect's and a private conversation's announcement.
    private const int MaxTokensPerConversation = 4;

    private readonly NpgsqlDataSource dataSource;
    private readonly StorageInitializer initializer;
    private readonly PostgresDirectLineStreams streams;
    private readonly DirectLineOptions options;
    private readonly TimeProvider time;

    public PostgresDirectLineStore(
        NpgsqlDataSource dataSource, StorageInitializer initializer, PostgresDirectLineStreams streams,
        IOptions<DirectLineOptions> options, TimeProvider time)
    {
        this.dataSource = dataSource;
        this.initializer = initializer;
        this.streams = streams;
        this.options = options.Value;
        this.time = time;
    }

    public bool IsReserved(string serviceUrl, string conversationId) => conversationId.StartsWith(IdPrefix, StringComparison.Ordinal);

    public async Task<DirectLineConversationInfo> CreateAsync(bool isPublic, ChannelAccount? user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = IdPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // Room first: idle conversations go, then the least recently used beyond the limit (streamed here last). Each one
        // forgotten is announced at commit, so the instance holding its WebSocket closes it instead of leaving it silent.
        var streamed = streams.StreamedConversations();
        await using (var evict = Batch(connection, transaction,
            Command(
                """
                WITH gone AS (DELETE FROM directline_conversations WHERE last_active < $1 AND NOT (id = ANY($2)) RETURNING id)
                SELECT pg_notify($3, id || $4) FROM gone;
                """, P(now - options.ConversationIdleTimeout), P(streamed), P(PostgresDirectLineStreams.Channel), P(PostgresDirectLineStreams.ForgottenMarker)),
            Command(
                """
                WITH gone AS (DELETE FROM directline_conversations WHERE id IN (
                    SELECT id FROM directline_conversations ORDER BY (id = ANY($1)), last_active
                    LIMIT greatest(0, (SELECT count(*) FROM directline_conversations) - $2 + 1)) RETURNING id)
                SELECT pg_notify($3, id || $4) FROM gone;
                """, P(streamed), P(options.MaxConversations), P(PostgresDirectLineStreams.Channel), P(PostgresDirectLineStreams.ForgottenMarker)),
            Command("DELETE FROM directline_tokens WHERE expires_at < $1;", P(now - options.TokenLifetime))))
        {
            await evict.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var insert = new NpgsqlCommand(
            "INSERT INTO directline_conversations (id, is_public, user_id, user_name, last_active) VALUES ($1, $2, $3, $4, $5);",
            connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
            insert.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = isPublic });
            insert.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = user?.Id });
            insert.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = user?.Name });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (isPublic && user?.Id is { } userId)
        {
            await SetPublicConversationAsync(connection, transaction, userId, id, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new DirectLineConversationInfo(id, isPublic, user?.Id is { } uid ? new ChannelAccount(uid, user.Name, RoleTypes.User) : null);
    }

    public async Task<DirectLineConversationInfo?> FindAsync(string conversationId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        // Polls arrive every second or so: last use is written only when the stored one is older than the write interval
        // (the SELECT sees the row as it was before this statement, hence the check against the expired row).
        await using var command = new NpgsqlCommand(
            """
            WITH expired AS (
                DELETE FROM directline_conversations WHERE id = $1 AND last_active < $3 AND NOT (id = ANY($4)) RETURNING id),
            touched AS (
                UPDATE directline_conversations SET last_active = $2
                WHERE id = $1 AND last_active < $5 AND NOT EXISTS (SELECT 1 FROM expired))
            SELECT is_public, user_id, user_name FROM directline_conversations
            WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM expired);
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = conversationId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now - options.ConversationIdleTimeout });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = streams.StreamedConversations() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now - options.LastActiveWriteInterval });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var user = reader.IsDBNull(1) ? null : new ChannelAccount(reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), RoleTypes.User);
        return new DirectLineConversationInfo(conversationId, reader.GetBoolean(0), user);
    }

    public async Task<bool> TryStartAsync(string conversationId, CancellationToken cancellationToken) =>
        await ExecuteAsync("UPDATE directline_conversations SET started = true WHERE id = $1 AND NOT started;", cancellationToken, P(conversationId)).ConfigureAwait(false) == 1;

    public async Task<bool> TryAddMemberAsync(string conversationId, string memberId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO directline_members (conversation_id, member_id)
            SELECT $1, $2 FROM directline_conversations c
            WHERE c.id = $1 AND (SELECT count(*) FROM directline_members m WHERE m.conversation_id = $1) < $3
            ON CONFLICT DO NOTHING;
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = conversationId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = memberId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = DirectLineConversationInfo.MaxMembers });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<string>> GetMembersAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT member_id FROM directline_members WHERE conversation_id = $1 ORDER BY member_id;", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = conversationId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        List<string> members = [];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            members.Add(reader.GetString(0));
        }

        return members;
    }

    public Task MakePublicAsync(string conversationId, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE directline_conversations SET is_public = true WHERE id = $1;", cancellationToken, P(conversationId));

    public async Task<string> IssueTokenAsync(string conversationId, string? userId, string? replaces, CancellationToken cancellationToken)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = Batch(connection, null,
            Command("INSERT INTO directline_tokens (token_hash, conversation_id, user_id, expires_at) VALUES ($1, $2, $3, $4);",
                P(Hash(token)), P(conversationId), P(userId), P(time.GetUtcNow() + options.TokenLifetime)),
            Command("DELETE FROM directline_tokens WHERE token_hash = $1 AND conversation_id = $2;",
                P(replaces is null ? string.Empty : Hash(replaces)), P(conversationId)),
            Command(
                """
                DELETE FROM directline_tokens WHERE conversation_id = $1 AND seq NOT IN (
                    SELECT seq FROM directline_tokens WHERE conversation_id = $1 ORDER BY seq DESC LIMIT $2);
                """, P(conversationId), P(MaxTokensPerConversation)));
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return token;
    }

    public async Task<DirectLineGrant?> FindTokenAsync(string token, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT conversation_id, user_id, expires_at FROM directline_tokens WHERE token_hash = $1;", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Hash(token) });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new DirectLineGrant(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2))
            : null;
    }

    public async Task<string?> AppendAsync(string conversationId, Activity activity, string? senderActivityId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // The conversation row's lock orders the appends: positions commit in order, so a reader never skips one.
        bool isPublic;
        int position;
        await using (var lockRow = new NpgsqlCommand(
            "SELECT is_public, next_position FROM directline_conversations WHERE id = $1 FOR UPDATE;", connection, transaction))
        {
            lockRow.Parameters.Add(new NpgsqlParameter<string> { TypedValue = conversationId });
            await using var reader = await lockRow.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            isPublic = reader.GetBoolean(0);
            position = reader.GetInt32(1);
        }

        if (senderActivityId is not null)
        {
            await using var repeat = new NpgsqlCommand(
                "SELECT position FROM directline_activities WHERE conversation_id = $1 AND sender_activity_id = $2;", connection, transaction);
            repeat.Parameters.Add(new NpgsqlParameter<string> { TypedValue = conversationId });
            repeat.Parameters.Add(new NpgsqlParameter<string> { TypedValue = senderActivityId });
            if (await repeat.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int firstPosition)
            {
                return DirectLineActivitySets.ActivityId(conversationId, firstPosition);
            }
        }

        var now = time.GetUtcNow();
        activity.Id = DirectLineActivitySets.ActivityId(conversationId, position);
        activity.Timestamp = now;
        activity.Conversation = new DirectLineConversationInfo(conversationId, isPublic, null).Account();
        var json = ActivityJson.Serialize(activity);
        await using (var insert = Batch(connection, transaction,
            Command("UPDATE directline_conversations SET next_position = $2 + 1, last_active = $3 WHERE id = $1;",
                P(conversationId), P(position), P(now)),
            Command("INSERT INTO directline_activities (conversation_id, position, type, json, bytes, sender_activity_id) VALUES ($1, $2, $3, $4, $5, $6);",
                P(conversationId), P(position), P(activity.Type ?? string.Empty), P(json), P(Encoding.UTF8.GetByteCount(json)), P(senderActivityId)),
            DropOldest(conversationId),
            Command("SELECT pg_notify($1, $2);", P(PostgresDirectLineStreams.Channel), P(conversationId))))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return activity.Id;
    }

    public async Task<bool> ReplaceAsync(string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        if (DirectLineActivitySets.PositionOf(conversationId, activityId) is not { } position)
        {
            return false;
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        bool isPublic;
        await using (var lockRow = new NpgsqlCommand("SELECT is_public FROM directline_conversations WHERE id = $1 FOR UPDATE;", connection, transaction))
        {
            lockRow.Parameters.Add(new NpgsqlParameter<string> { TypedValue = conversationId });
            if (await lockRow.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not bool flag)
            {
                return false;
            }

            isPublic = flag;
        }

        activity.Id = activityId;
        activity.Timestamp = time.GetUtcNow();
        activity.Conversation = new DirectLineConversationInfo(conversationId, isPublic, null).Account();
        var json = ActivityJson.Serialize(activity);
        await using var update = new NpgsqlCommand(
            """
            UPDATE directline_activities SET type = $3, json = $4, bytes = $5
            WHERE conversation_id = $1 AND position = $2 AND json IS NOT NULL;
            """, connection, transaction);
        update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = conversationId });
        update.Parameters.Add(new NpgsqlParameter<int> { TypedValue = position });
        update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = activity.Type ?? string.Empty });
        update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = json });
        update.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Encoding.UTF8.GetByteCount(json) });
        if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
        {
            return false;
        }

        await using (var bounds = Batch(connection, transaction, DropOldest(conversationId)))
        {
            await bounds.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await PostgresNotifications.NotifyAsync(connection, transaction, PostgresDirectLineStreams.Channel,
            PostgresDirectLineStreams.UpdatePayload(conversationId, position), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> DeleteAsync(string conversationId, string activityId, CancellationToken cancellationToken) =>
        DirectLineActivitySets.PositionOf(conversationId, activityId) is { } position
        && await ExecuteAsync(
            "UPDATE directline_activities SET json = NULL, bytes = 0 WHERE conversation_id = $1 AND position = $2 AND json IS NOT NULL;",
            cancellationToken, P(conversationId), P(position)).ConfigureAwait(false) == 1;

    public async Task<string> ReadSetAsync(string conversationId, int watermark, int max, int maxBytes, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            SELECT a.position, a.json, a.bytes, c.next_position
            FROM directline_conversations c
            LEFT JOIN LATERAL (
                SELECT position, json, bytes FROM directline_activities
                WHERE conversation_id = c.id AND position >= $2 AND json IS NOT NULL AND type <> 'typing'
                ORDER BY position LIMIT $3) a ON true
            WHERE c.id = $1
            ORDER BY a.position;
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = conversationId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = watermark });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        List<string> jsons = [];
        long bytes = 0;
        int? end = null;
        int? stoppedAt = null;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            end = reader.GetInt32(3);
            if (reader.IsDBNull(0) || stoppedAt is not null)
            {
                continue;
            }

            var position = reader.GetInt32(0);
            var size = reader.GetInt32(2);
            if (jsons.Count > 0 && bytes + size > maxBytes)
            {
                stoppedAt = position; // the client pages on from here
                continue;
            }

            jsons.Add(reader.GetString(1));
            bytes += size;
            if (jsons.Count == max)
            {
                stoppedAt = position + 1;
            }
        }

        // Read to the end (or nothing there): the watermark is the conversation's newest, as the in-memory store gives.
        var next = stoppedAt ?? end ?? watermark;
        return DirectLineActivitySets.Frame(jsons, end is { } newest ? Math.Min(next, newest) : next);
    }

    public Task<IReadOnlyList<IDirectLineStreamSink>> SubscribeAsync(string conversationId, IDirectLineStreamSink stream, int watermark, CancellationToken cancellationToken) =>
        streams.SubscribeAsync(conversationId, stream, watermark, cancellationToken);

    public async Task UnsubscribeAsync(string conversationId, IDirectLineStreamSink stream, CancellationToken cancellationToken)
    {
        streams.Unsubscribe(conversationId, stream);
        await ExecuteAsync("UPDATE directline_conversations SET last_active = $2 WHERE id = $1;", cancellationToken, P(conversationId), P(time.GetUtcNow())).ConfigureAwait(false);
    }

    public async Task SetPublicConversationAsync(string userId, string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await SetPublicConversationAsync(connection, null, userId, conversationId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<string?> FindPublicConversationAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            SELECT p.conversation_id FROM directline_public_users p
            JOIN directline_conversations c ON c.id = p.conversation_id
            WHERE p.user_id = $1 AND c.last_active >= $2;
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() - options.ConversationIdleTimeout });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    // Drops the oldest activities beyond the count and byte limits, always keeping the newest: the in-memory history's
    // rule. An activity goes when it and the newer ones together exceed either limit.
    private NpgsqlBatchCommand DropOldest(string conversationId) => Command(
        """
        DELETE FROM directline_activities
        WHERE conversation_id = $1 AND position <= (
            SELECT max(position) FROM (
                SELECT position, row_number() OVER newest AS kept, sum(bytes) OVER newest AS total
                FROM directline_activities WHERE conversation_id = $1
                WINDOW newest AS (ORDER BY position DESC)) t
            WHERE kept > 1 AND (kept > $2 OR total > $3));
        """, P(conversationId), P(options.MaxHistoryActivities), P((long)options.MaxHistoryBytes));

    private static NpgsqlBatch Batch(NpgsqlConnection connection, NpgsqlTransaction? transaction, params NpgsqlBatchCommand[] commands)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }

        return batch;
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter<T> P<T>(T value) => new() { TypedValue = value };

    private static async Task SetPublicConversationAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string userId, string conversationId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO directline_public_users (user_id, conversation_id) SELECT $1, $2
            WHERE EXISTS (SELECT 1 FROM directline_conversations WHERE id = $2)
            ON CONFLICT (user_id) DO UPDATE SET conversation_id = excluded.conversation_id;
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = conversationId });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);

        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        return await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }
}
