using System.Globalization;
using CareBot.Protocol.Transcripts;
using CareBot.Storage.Migrations;

namespace CareBot.Storage.Sqlite;

/// <summary>Transcripts in SQLite: a turn's entries are inserted in one transaction; the row id gives the order.</summary>
internal sealed class SqliteTranscriptStore(SqliteDatabase database, StorageInitializer initializer) : ITranscriptStore
{
    public async Task AppendAsync(IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        using var writeTurn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenRelaxedAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = SqliteDatabase.BeginWrite(connection);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO transcripts (channel_id, conversation_id, timestamp, activity_json) VALUES ($channel, $conversation, $timestamp, $json);";
            var channel = command.Parameters.Add("$channel", Microsoft.Data.Sqlite.SqliteType.Text);
            var conversation = command.Parameters.Add("$conversation", Microsoft.Data.Sqlite.SqliteType.Text);
            var timestamp = command.Parameters.Add("$timestamp", Microsoft.Data.Sqlite.SqliteType.Text);
            var json = command.Parameters.Add("$json", Microsoft.Data.Sqlite.SqliteType.Text);
            foreach (var entry in entries)
            {
                ArgumentNullException.ThrowIfNull(entry, nameof(entries));
                channel.Value = entry.ChannelId;
                conversation.Value = entry.ConversationId;
                timestamp.Value = entry.Timestamp.ToString("O", CultureInfo.InvariantCulture);
                json.Value = entry.ActivityJson;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<TranscriptEntry>> ReadAsync(string channelId, string conversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channelId);
        ArgumentNullException.ThrowIfNull(conversationId);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<TranscriptEntry>();
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT timestamp, activity_json FROM transcripts WHERE channel_id = $channel AND conversation_id = $conversation ORDER BY id;";
            command.Parameters.AddWithValue("$channel", channelId);
            command.Parameters.AddWithValue("$conversation", conversationId);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var timestamp = DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
                    entries.Add(new TranscriptEntry(channelId, conversationId, timestamp, reader.GetString(1)));
                }
            }
        }

        return entries;
    }
}
