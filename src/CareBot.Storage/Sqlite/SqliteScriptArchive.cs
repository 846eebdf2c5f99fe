using CareBot.Dialogs.Loading;
using CareBot.Storage.Migrations;
using CareBot.Storage.Sql;

namespace CareBot.Storage.Sqlite;

/// <summary>
/// Script versions in SQLite. Append-only: <c>ON CONFLICT DO NOTHING</c> keeps the first save of an id and version,
/// and SQLite's single writer makes that race-free across processes sharing the file.
/// </summary>
internal sealed class SqliteScriptArchive(SqliteDatabase database, StorageInitializer initializer, TimeProvider time) : IScriptArchive
{
    private const string SaveSql = """
        INSERT INTO script_versions (script_id, version, file, source, archived_at)
        VALUES ($id, $version, $file, $source, $now)
        ON CONFLICT (script_id, version) DO NOTHING;
        """;

    private const string LoadSql = "SELECT file, source FROM script_versions WHERE script_id = $id AND version = $version;";

    public async Task SaveAsync(ArchivedScript script, CancellationToken cancellationToken)
    {
        ScriptVersions.Validate(script);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        using var writeTurn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One statement is its own transaction; nothing is read first, so there is no lock to upgrade.
            using var command = connection.CreateCommand();
            command.CommandText = SaveSql;
            command.Parameters.AddWithValue("$id", script.ScriptId);
            command.Parameters.AddWithValue("$version", script.Version);
            command.Parameters.AddWithValue("$file", script.File);
            command.Parameters.AddWithValue("$source", script.Source);
            command.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<ArchivedScript?> LoadAsync(string scriptId, string version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scriptId);
        ArgumentNullException.ThrowIfNull(version);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = LoadSql;
            command.Parameters.AddWithValue("$id", scriptId);
            command.Parameters.AddWithValue("$version", version);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                    ? new ArchivedScript(scriptId, version, reader.GetString(0), reader.GetString(1))
                    : null;
            }
        }
    }
}
