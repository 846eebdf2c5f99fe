using CareBot.Care.Agents;
using CareBot.Storage.Migrations;

namespace CareBot.Storage.Sql;

/// <summary>Per-agent console settings (table <c>agent_preferences</c>), the same SQL on both engines; a save is one upsert.</summary>
internal sealed class SqlAgentPreferenceStore(ISqlEngine engine, StorageInitializer initializer, TimeProvider time) : IAgentPreferenceStore
{
    public async Task<string?> GetAsync(string userName, string name, CancellationToken cancellationToken)
    {
        Validate(userName, name);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.Command(null, "SELECT value_json FROM agent_preferences WHERE user_name = @user AND name = @name;")
                .With("@user", userName).With("@name", name);
            return (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task SaveAsync(string userName, string name, string json, CancellationToken cancellationToken)
    {
        Validate(userName, name, json);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        await engine.WriteOneStatementAsync(
            """
            INSERT INTO agent_preferences (user_name, name, value_json, updated_at) VALUES (@user, @name, @json, @now)
            ON CONFLICT (user_name, name) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at;
            """,
            command => command.With("@user", userName).With("@name", name).With("@json", json).With("@now", engine.Dialect.Time(now)),
            cancellationToken).ConfigureAwait(false);
    }

    private static void Validate(string userName, string name, string? json = "{}")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(json.Length, IAgentPreferenceStore.MaxLength, nameof(json));
    }
}
