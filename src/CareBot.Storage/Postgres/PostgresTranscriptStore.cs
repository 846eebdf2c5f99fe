using CareBot.Protocol.Transcripts;
using CareBot.Storage.Migrations;
using Npgsql;

namespace CareBot.Storage.Postgres;

/// <summary>
/// Transcripts in PostgreSQL. A turn's entries go as one batch (one round trip, one implicit transaction, executed in
/// order); the identity column gives the order.
/// </summary>
internal sealed class PostgresTranscriptStore(NpgsqlDataSource dataSource, StorageInitializer initializer) : ITranscriptStore
{
    private const string InsertSql = "INSERT INTO transcripts (channel_id, conversation_id, timestamp, activity_json) VALUES ($1, $2, $3, $4);";

    public async Task AppendAsync(IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var batch = dataSource.CreateBatch();
        await using (batch.ConfigureAwait(false))
        {
            foreach (var entry in entries)
            {
                ArgumentNullException.ThrowIfNull(entry, nameof(entries));
                var insert = new NpgsqlBatchCommand(InsertSql);
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.ChannelId });
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.ConversationId });
                insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = entry.Timestamp.ToUniversalTime() });
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.ActivityJson });
                batch.BatchCommands.Add(insert);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<TranscriptEntry>> ReadAsync(string channelId, string conversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channelId);
        ArgumentNullException.ThrowIfNull(conversationId);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<TranscriptEntry>();
        await using var command = dataSource.CreateCommand(
            "SELECT timestamp, activity_json FROM transcripts WHERE channel_id = $1 AND conversation_id = $2 ORDER BY id;");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = channelId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = conversationId });
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                entries.Add(new TranscriptEntry(channelId, conversationId, reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1)));
            }
        }

        return entries;
    }
}
