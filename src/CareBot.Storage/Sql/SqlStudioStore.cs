using System.Data.Common;
using System.Globalization;
using CareBot.Care.Studio;
using CareBot.Storage.Migrations;

namespace CareBot.Storage.Sql;

/// <summary>The admin studio's drafts, published versions and audit log, the same SQL on both engines.</summary>
internal sealed class SqlStudioStore(ISqlEngine engine, StorageInitializer initializer) : IStudioStore
{
    private const string PublicationColumns = "number, script_id, version, file, source, author, published_at, note, kind";

    private const string AuditSql = "INSERT INTO studio_audit (at, actor, action, subject, detail) VALUES (@at, @actor, @action, @subject, @detail);";

    private SqlDialect Dialect => engine.Dialect;

    public Task SaveDraftAsync(ScriptDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return WriteAsync(
            """
            INSERT INTO studio_drafts (script_id, author, base_version, source, updated_at) VALUES (@id, @author, @base, @source, @at)
            ON CONFLICT (script_id, author) DO UPDATE SET base_version = excluded.base_version, source = excluded.source, updated_at = excluded.updated_at;
            """,
            command => command
                .With("@id", draft.ScriptId)
                .With("@author", draft.Author)
                .With("@base", draft.BaseVersion)
                .With("@source", draft.Source)
                .With("@at", Dialect.Time(draft.UpdatedAt)),
            cancellationToken);
    }

    public Task<IReadOnlyList<ScriptDraft>> ListDraftsAsync(string scriptId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scriptId);
        return ReadAsync(
            "SELECT script_id, author, base_version, source, updated_at FROM studio_drafts WHERE script_id = @id ORDER BY updated_at DESC;",
            command => command.With("@id", scriptId),
            r => new ScriptDraft(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Dialect.ReadTime(r, 4)),
            cancellationToken);
    }

    public Task DeleteDraftAsync(string scriptId, string author, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scriptId);
        ArgumentNullException.ThrowIfNull(author);
        return WriteAsync(
            "DELETE FROM studio_drafts WHERE script_id = @id AND author = @author;",
            command => command.With("@id", scriptId).With("@author", author),
            cancellationToken);
    }

    public async Task<long> AddPublicationAsync(ScriptPublication publication, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publication);
        ArgumentNullException.ThrowIfNull(audit);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);

        // The version and its audit line are written together: an audit log that misses a publish is worthless.
        return await engine.WriteAsync(
            SqlWrite.AllOrNothing,
            async (connection, transaction) =>
            {
                using var insert = connection.Command(transaction, """
                    INSERT INTO studio_publications (script_id, version, file, source, author, published_at, note, kind)
                    VALUES (@id, @version, @file, @source, @author, @at, @note, @kind) RETURNING number;
                    """)
                    .With("@id", publication.ScriptId)
                    .With("@version", publication.Version)
                    .With("@file", publication.File)
                    .With("@source", publication.Source)
                    .With("@author", publication.Author)
                    .With("@at", Dialect.Time(publication.PublishedAt))
                    .With("@note", publication.Note)
                    .With("@kind", publication.Kind);
                var number = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                using var log = BindAudit(connection.Command(transaction, AuditSql), audit);
                await log.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                return number;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<ScriptPublication>> ListPublicationsAsync(string scriptId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scriptId);
        return ReadAsync(
            $"SELECT {PublicationColumns} FROM studio_publications WHERE script_id = @id ORDER BY number DESC LIMIT @limit;",
            command => command.With("@id", scriptId).With("@limit", limit),
            r => new ScriptPublication(
                r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), Dialect.ReadTime(r, 6), r.GetString(7), r.GetString(8))
            {
                Number = r.GetInt64(0),
            },
            cancellationToken);
    }

    public Task AddAuditAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return WriteAsync(AuditSql, command => BindAudit(command, entry), cancellationToken);
    }

    public Task<IReadOnlyList<AuditEntry>> ListAuditAsync(int limit, CancellationToken cancellationToken) =>
        ReadAsync(
            "SELECT at, actor, action, subject, detail FROM studio_audit ORDER BY number DESC LIMIT @limit;",
            command => command.With("@limit", limit),
            r => new AuditEntry(Dialect.ReadTime(r, 0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4)),
            cancellationToken);

    private DbCommand BindAudit(DbCommand command, AuditEntry entry) => command
        .With("@at", Dialect.Time(entry.At))
        .With("@actor", entry.Actor)
        .With("@action", entry.Action)
        .With("@subject", entry.Subject)
        .With("@detail", entry.Detail);

    private async Task WriteAsync(string sql, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await engine.WriteOneStatementAsync(sql, bind, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<T>> ReadAsync<T>(string sql, Action<DbCommand> bind, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.Command(null, sql);
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
