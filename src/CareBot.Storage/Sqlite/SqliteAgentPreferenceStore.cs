using CareBot.Care.Agents;
using CareBot.Storage.Migrations;
using CareBot.Storage.Sql;

namespace CareBot.Storage.Sqlite;

/// <summary>Per-agent console settings in SQLite; a save is one upsert.</summary>
internal sealed class SqliteAgentPreferenceStore(SqliteDatabase database, StorageInitializer initializer, TimeProvider time) : IAgentPreferenceStore
{
    public async Task<string?> GetAsync(string userName, string name, CancellationToken cancellationToken)
    {
        AgentPreferenceRows.Validate(userName, name);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT value_json FROM agent_preferences WHERE user_name = $user AND name = $name;";
            command.Parameters.AddWithValue("$user", userName);
            command.Parameters.AddWithValue("$name", name);
            return (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task SaveAsync(string userName, string name, string json, CancellationToken cancellationToken)
    {
        AgentPreferenceRows.Validate(userName, name, json);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        using var writeTurn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO agent_preferences (user_name, name, value_json, updated_at) VALUES ($user, $name, $json, $now)
                ON CONFLICT (user_name, name) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at;
                """;
            command.Parameters.AddWithValue("$user", userName);
            command.Parameters.AddWithValue("$name", name);
            command.Parameters.AddWithValue("$json", json);
            command.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
