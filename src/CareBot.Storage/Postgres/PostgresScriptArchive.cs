using CareBot.Dialogs.Loading;
using CareBot.Storage.Migrations;
using CareBot.Storage.Sql;
using Npgsql;

namespace CareBot.Storage.Postgres;

/// <summary>
/// Script versions in PostgreSQL, shared by every server process. Append-only: <c>ON CONFLICT DO NOTHING</c> keeps the
/// first save of an id and version; when two processes insert the same one at once, the second waits for the first's
/// row and then does nothing, without an error.
/// </summary>
internal sealed class PostgresScriptArchive(NpgsqlDataSource dataSource, StorageInitializer initializer, TimeProvider time) : IScriptArchive
{
    private const string SaveSql = """
        INSERT INTO script_versions (script_id, version, file, source, archived_at)
        VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (script_id, version) DO NOTHING;
        """;

    private const string LoadSql = "SELECT file, source FROM script_versions WHERE script_id = $1 AND version = $2;";

    public async Task SaveAsync(ArchivedScript script, CancellationToken cancellationToken)
    {
        ScriptVersions.Validate(script);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand(SaveSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = script.ScriptId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = script.Version });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = script.File });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = script.Source });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow().ToUniversalTime() });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ArchivedScript?> LoadAsync(string scriptId, string version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scriptId);
        ArgumentNullException.ThrowIfNull(version);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand(LoadSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scriptId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = version });
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new ArchivedScript(scriptId, version, reader.GetString(0), reader.GetString(1))
                : null;
        }
    }
}
