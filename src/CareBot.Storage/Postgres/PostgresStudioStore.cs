using System.Data.Common;
using CareBot.Care.Studio;
using CareBot.Storage.Migrations;
using Npgsql;

namespace CareBot.Storage.Postgres;

/// <summary>The admin studio's drafts, published versions and audit log in PostgreSQL, shared by every server process.</summary>
internal sealed class PostgresStudioStore(NpgsqlDataSource dataSource, StorageInitializer initializer) : IStudioStore
{
    private const string AuditSql = "INSERT INTO studio_audit (at, actor, action, subject, detail) VALUES ($1, $2, $3, $4, $5);";

    public async Task SaveDraftAsync(ScriptDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO studio_drafts (script_id, author, base_version, source, updated_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (script_id, author) DO UPDATE SET base_version = excluded.base_version, source = excluded.source, updated_at = excluded.updated_at;
            """);
        Add(command, draft.ScriptId, draft.Author, draft.BaseVersion, draft.Source);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = draft.UpdatedAt.ToUniversalTime() });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ScriptDraft>> ListDraftsAsync(string scriptId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scriptId);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand(
            "SELECT script_id, author, base_version, source, updated_at FROM studio_drafts WHERE script_id = $1 ORDER BY updated_at DESC;");
        Add(command, scriptId);
        return await ReadAsync(command, r => new ScriptDraft(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4)), cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteDraftAsync(string scriptId, string author, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scriptId);
        ArgumentNullException.ThrowIfNull(author);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("DELETE FROM studio_drafts WHERE script_id = $1 AND author = $2;");
        Add(command, scriptId, author);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> AddPublicationAsync(ScriptPublication publication, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publication);
        ArgumentNullException.ThrowIfNull(audit);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // The version and its audit line are written together: an audit log that misses a publish is worthless.
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await using var insert = new NpgsqlCommand(
                    """
                    INSERT INTO studio_publications (script_id, version, file, source, author, published_at, note, kind)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING number;
                    """,
                    connection,
                    transaction);
                Add(insert, publication.ScriptId, publication.Version, publication.File, publication.Source, publication.Author);
                insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = publication.PublishedAt.ToUniversalTime() });
                Add(insert, publication.Note, publication.Kind);
                var number = (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                await using var log = new NpgsqlCommand(AuditSql, connection, transaction);
                BindAudit(log, audit);
                await log.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return number;
            }
        }
    }

    public async Task<IReadOnlyList<ScriptPublication>> ListPublicationsAsync(string scriptId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scriptId);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand(
            "SELECT number, script_id, version, file, source, author, published_at, note, kind FROM studio_publications WHERE script_id = $1 ORDER BY number DESC LIMIT $2;");
        Add(command, scriptId);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return await ReadAsync(
            command,
            r => new ScriptPublication(r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetFieldValue<DateTimeOffset>(6), r.GetString(7), r.GetString(8))
            {
                Number = r.GetInt64(0),
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task AddAuditAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand(AuditSql);
        BindAudit(command, entry);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAuditAsync(int limit, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("SELECT at, actor, action, subject, detail FROM studio_audit ORDER BY number DESC LIMIT $1;");
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return await ReadAsync(command, r => new AuditEntry(r.GetFieldValue<DateTimeOffset>(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4)), cancellationToken).ConfigureAwait(false);
    }

    private static void BindAudit(NpgsqlCommand command, AuditEntry entry)
    {
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = entry.At.ToUniversalTime() });
        Add(command, entry.Actor, entry.Action, entry.Subject, entry.Detail);
    }

    private static void Add(NpgsqlCommand command, params string[] values)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
        }
    }

    private static async Task<IReadOnlyList<T>> ReadAsync<T>(NpgsqlCommand command, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
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
