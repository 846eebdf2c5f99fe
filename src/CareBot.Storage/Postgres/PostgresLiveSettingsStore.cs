using CareBot.Care.Settings;
using CareBot.Storage.Migrations;
using Npgsql;

namespace CareBot.Storage.Postgres;

/// <summary>The settings admins change without a restart, in PostgreSQL (table <c>live_settings</c>), shared by every server process.</summary>
internal sealed class PostgresLiveSettingsStore(NpgsqlDataSource dataSource, StorageInitializer initializer) : ILiveSettingsStore
{
    public async Task<IReadOnlyList<StoredSettings>> ListAsync(CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("SELECT section, json, version, updated_by, updated_at FROM live_settings ORDER BY section;");
        var rows = new List<StoredSettings>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new StoredSettings(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return rows;
    }

    public async Task<long?> SaveAsync(string section, string json, long expectedVersion, string updatedBy, DateTimeOffset updatedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(updatedBy);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);

        // One statement either way, so the version check and the write cannot be split by another admin's save.
        await using var command = dataSource.CreateCommand(expectedVersion == 0
            ? "INSERT INTO live_settings (section, json, version, updated_by, updated_at) VALUES ($1, $2, 1, $3, $4) ON CONFLICT (section) DO NOTHING;"
            : "UPDATE live_settings SET json = $2, version = version + 1, updated_by = $3, updated_at = $4 WHERE section = $1 AND version = $5;");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = section });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = json });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = updatedBy });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = updatedAt.ToUniversalTime() });
        if (expectedVersion != 0)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expectedVersion });
        }

        var written = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return written == 1 ? expectedVersion + 1 : null;
    }
}
