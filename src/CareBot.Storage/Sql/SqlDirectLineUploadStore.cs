using System.Data.Common;
using CareBot.Protocol.DirectLine;
using CareBot.Storage.Migrations;

namespace CareBot.Storage.Sql;

/// <summary>
/// The files customers send through the built-in Direct Line channel (table <c>directline_uploads</c>), the same SQL on
/// both engines. A save forgets the files past retention, checks the bounds and inserts in one transaction, so a refused
/// save adds nothing; the bounds are checked against the <c>size</c> column, never the blobs.
/// </summary>
internal sealed class SqlDirectLineUploadStore(ISqlEngine engine, StorageInitializer initializer) : IDirectLineUploadStore
{
    public async Task<DirectLineUploadOutcome> SaveAsync(IReadOnlyList<DirectLineUpload> files, DirectLineUploadLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfNegative(limits.MaxPerConversation);
        ArgumentOutOfRangeException.ThrowIfNegative(limits.MaxTotalBytes);
        // The per-conversation bound is checked for one conversation.
        if (files.Any(file => file.ConversationId != files[0].ConversationId))
        {
            throw new ArgumentException("All files of one save must come from one conversation.", nameof(files));
        }

        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var newBytes = files.Sum(f => (long)f.Content.Length);

        // One transaction, so the files go in together or not at all. A refusal returns without inserting: only the
        // retention delete commits, which is wanted either way. Saves take turns (SQLite's write lock; a table lock on
        // PostgreSQL), so the counts read are the ones the inserts add to.
        return await engine.WriteAsync(
            SqlWrite.AllOrNothing,
            async (connection, transaction) =>
            {
                if (engine.Dialect.LockUploadsSql.Length > 0)
                {
                    using var takeTurns = connection.Command(transaction, engine.Dialect.LockUploadsSql);
                    await takeTurns.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                using (var forget = connection.Command(transaction, "DELETE FROM directline_uploads WHERE uploaded_at < @before;"))
                {
                    forget.With("@before", engine.Dialect.Time(limits.ForgetBefore));
                    await forget.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                if (files.Count == 0)
                {
                    return DirectLineUploadOutcome.Saved;
                }

                var (conversationFiles, keptBytes) = await CountAsync(connection, transaction, files[0].ConversationId, cancellationToken).ConfigureAwait(false);

                // Compared as differences, so that a bound near long.MaxValue cannot overflow the sum.
                if (files.Count > limits.MaxPerConversation - conversationFiles)
                {
                    return DirectLineUploadOutcome.ConversationFull;
                }

                if (newBytes > limits.MaxTotalBytes - keptBytes)
                {
                    return DirectLineUploadOutcome.StorageFull;
                }

                foreach (var file in files)
                {
                    using var insert = connection.Command(transaction, """
                        INSERT INTO directline_uploads (id, conversation_id, name, content_type, size, content, uploaded_at)
                        VALUES (@id, @conversation, @name, @type, @size, @content, @at);
                        """);
                    insert.With("@id", file.Id)
                        .With("@conversation", file.ConversationId)
                        .With("@name", file.Name)
                        .With("@type", file.ContentType)
                        .With("@size", (long)file.Content.Length)
                        .With("@content", file.Content)
                        .With("@at", engine.Dialect.Time(file.UploadedAt));
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                return DirectLineUploadOutcome.Saved;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<DirectLineUpload?> FindAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.Command(null, "SELECT id, conversation_id, name, content_type, content, uploaded_at FROM directline_uploads WHERE id = @id;")
                .With("@id", id);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                return new DirectLineUpload(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.GetFieldValue<byte[]>(4),
                    engine.Dialect.ReadTime(reader, 5));
            }
        }
    }

    // The conversation's files and the bytes everyone's files take, in one query. The sum is cast because PostgreSQL
    // sums a bigint as numeric.
    private static async Task<(long ConversationFiles, long KeptBytes)> CountAsync(
        DbConnection connection, DbTransaction? transaction, string conversationId, CancellationToken cancellationToken)
    {
        using var command = connection.Command(transaction, """
            SELECT (SELECT count(*) FROM directline_uploads WHERE conversation_id = @conversation),
                   CAST(COALESCE((SELECT sum(size) FROM directline_uploads), 0) AS BIGINT);
            """).With("@conversation", conversationId);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return (reader.GetInt64(0), reader.GetInt64(1));
        }
    }
}
