using System.Data.Common;
using CareBot.Care.Studio;
using CareBot.Storage.Migrations;
using Microsoft.Data.Sqlite;

namespace CareBot.Storage.Sqlite;

/// <summary>The admin studio's drafts, published versions and audit log in SQLite.</summary>
internal sealed class SqliteStudioStore(SqliteDatabase database, StorageInitializer initializer) : IStudioStore
{
    private const string PublicationColumns = "number, script_id, version, file, source, author, published_at, note, kind";

    public Task SaveDraftAsync(ScriptDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return WriteAsync(
            """
            INSERT INTO studio_drafts (script_id, author, base_version, source, updated_at) VALUES ($id, $author, $base, $source, $at)
            ON CONFLICT (script_id, author) DO UPDATE SET base_version = excluded.base_version, source = excluded.source, updated_at = excluded.updated_at;
            """,
            command =>
            {
                command.Parameters.AddWithValue("$id", draft.ScriptId);
                command.Parameters.AddWithValue("$author", draft.Author);
                command.Parameters.AddWithValue("$base", draft.BaseVersion);
                command.Parameters.AddWithValue("$source", draft.Source);
                command.Parameters.AddWithValue("$at", draft.UpdatedAt.ToUnixTimeMilliseconds());
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<ScriptDraft>> ListDraftsAsync(string scriptId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scriptId);
        return ReadAsync(
            "SELECT script_id, author, base_version, source, updated_at FROM studio_drafts WHERE script_id = $id ORDER BY updated_at DESC;",
            command => command.Parameters.AddWithValue("$id", scriptId),
            r => new ScriptDraft(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4))),
            cancellationToken);
    }

    public Task DeleteDraftAsync(string scriptId, string author, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scriptId);
        ArgumentNullException.ThrowIfNull(author);
        return WriteAsync("DELETE FROM studio_drafts WHERE script_id = $id AND author = $author;", command =>
        {
            command.Parameters.AddWithValue("$id", scriptId);
            command.Parameters.AddWithValue("$author", author);
        }, cancellationToken);
    }

    public async Task<long> AddPublicationAsync(ScriptPublication publication, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publication);
        ArgumentNullException.ThrowIfNull(audit);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        using var writeTurn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // The version and its audit line are written together: an audit log that misses a publish is worthless.
            using var transaction = SqliteDatabase.BeginWrite(connection);
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO studio_publications (script_id, version, file, source, author, published_at, note, kind)
                VALUES ($id, $version, $file, $source, $author, $at, $note, $kind) RETURNING number;
                """;
            insert.Parameters.AddWithValue("$id", publication.ScriptId);
            insert.Parameters.AddWithValue("$version", publication.Version);
            insert.Parameters.AddWithValue("$file", publication.File);
            insert.Parameters.AddWithValue("$source", publication.Source);
            insert.Parameters.AddWithValue("$author", publication.Author);
            insert.Parameters.AddWithValue("$at", publication.PublishedAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$note", publication.Note);
            insert.Parameters.AddWithValue("$kind", publication.Kind);
            var number = (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            using var log = connection.CreateCommand();
            log.Transaction = transaction;
            BindAudit(log, audit);
            await log.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return number;
        }
    }

    public Task<IReadOnlyList<ScriptPublication>> ListPublicationsAsync(string scriptId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scriptId);
        return ReadAsync(
            $"SELECT {PublicationColumns} FROM studio_publications WHERE script_id = $id ORDER BY number DESC LIMIT $limit;",
            command =>
            {
                command.Parameters.AddWithValue("$id", scriptId);
                command.Parameters.AddWithValue("$limit", limit);
            },
            r => new ScriptPublication(
                r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)), r.GetString(7), r.GetString(8)) { Number = r.GetInt64(0) },
            cancellationToken);
    }

    public Task AddAuditAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return WriteAsync(null, command => BindAudit(command, entry), cancellationToken);
    }

    public Task<IReadOnlyList<AuditEntry>> ListAuditAsync(int limit, CancellationToken cancellationToken) =>
        ReadAsync(
            "SELECT at, actor, action, subject, detail FROM studio_audit ORDER BY number DESC LIMIT $limit;",
            command => command.Parameters.AddWithValue("$limit", limit),
            r => new AuditEntry(DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(0)), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4)),
            cancellationToken);

    private static void BindAudit(SqliteCommand command, AuditEntry entry)
    {
        command.CommandText = "INSERT INTO studio_audit (at, actor, action, subject, detail) VALUES ($at, $actor, $action, $subject, $detail);";
        command.Parameters.AddWithValue("$at", entry.At.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$actor", entry.Actor);
        command.Parameters.AddWithValue("$action", entry.Action);
        command.Parameters.AddWithValue("$subject", entry.Subject);
        command.Parameters.AddWithValue("$detail", entry.Detail);
    }

    private async Task WriteAsync(string? sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        using var writeTurn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            if (sql is not null)
            {
                command.CommandText = sql;
            }

            bind(command);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<T>> ReadAsync<T>(string sql, Action<SqliteCommand> bind, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            bind(command);
            var rows = new List<T>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(read(reader));
                }
            }

            return rows;
        }
    }
}
