using CareBot.Dialogs.Loading;
using CareBot.Storage.Migrations;

namespace CareBot.Storage.Sql;

/// <summary>
/// Script versions (table <c>script_versions</c>), the same SQL on both engines. Append-only: <c>ON CONFLICT DO
/// NOTHING</c> keeps the first save of an id and version. That is race-free across processes: SQLite has one writer
/// for the file; on PostgreSQL, when two processes insert the same version at once, the second waits for the first's
/// row and then does nothing, without an error.
/// </summary>
internal sealed class SqlScriptArchive(ISqlEngine engine, StorageInitializer initializer, TimeProvider time) : IScriptArchive
{
    public async Task SaveAsync(ArchivedScript script, CancellationToken cancellationToken)
    {
        Validate(script);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        await engine.WriteOneStatementAsync(
            """
            INSERT INTO script_versions (script_id, version, file, source, archived_at)
            VALUES (@id, @version, @file, @source, @now)
            ON CONFLICT (script_id, version) DO NOTHING;
            """,
            command => command
                .With("@id", script.ScriptId)
                .With("@version", script.Version)
                .With("@file", script.File)
                .With("@source", script.Source)
                .With("@now", engine.Dialect.Time(now)),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<ArchivedScript?> LoadAsync(string scriptId, string version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scriptId);
        ArgumentNullException.ThrowIfNull(version);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.Command(null, "SELECT file, source FROM script_versions WHERE script_id = @id AND version = @version;")
                .With("@id", scriptId).With("@version", version);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                    ? new ArchivedScript(scriptId, version, reader.GetString(0), reader.GetString(1))
                    : null;
            }
        }
    }

    private static void Validate(ArchivedScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentException.ThrowIfNullOrEmpty(script.ScriptId, nameof(script));
        ArgumentException.ThrowIfNullOrEmpty(script.Version, nameof(script));
        ArgumentNullException.ThrowIfNull(script.File, nameof(script));
        ArgumentNullException.ThrowIfNull(script.Source, nameof(script));
    }
}
