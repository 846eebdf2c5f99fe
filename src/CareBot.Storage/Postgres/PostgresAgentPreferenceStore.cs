using CareBot.Care.Agents;
using CareBot.Storage.Migrations;
using CareBot.Storage.Sql;
using Npgsql;

namespace CareBot.Storage.Postgres;

/// <summary>Per-agent console settings in PostgreSQL; a save is one upsert.</summary>
internal sealed class PostgresAgentPreferenceStore(NpgsqlDataSource dataSource, StorageInitializer initializer, TimeProvider time) : IAgentPreferenceStore
{
    public async Task<string?> GetAsync(string userName, string name, CancellationToken cancellationToken)
    {
        AgentPreferenceRows.Validate(userName, name);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("SELECT value_json FROM agent_preferences WHERE user_name = $1 AND name = $2;");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        return (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task SaveAsync(string userName, string name, string json, CancellationToken cancellationToken)
    {
        AgentPreferenceRows.Validate(userName, name, json);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO agent_preferences (user_name, name, value_json, updated_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (user_name, name) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at;
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = json });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow().ToUniversalTime() });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
