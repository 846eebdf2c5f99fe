using CareBot.Care.Settings;
using CareBot.Storage.Migrations;

namespace CareBot.Storage.Sqlite;

/// <summary>The settings admins change without a restart, in SQLite (table <c>live_settings</c>).</summary>
internal sealed class SqliteLiveSettingsStore(SqliteDatabase database, StorageInitializer initializer) : ILiveSettingsStore
{
    public async Task<IReadOnlyList<StoredSettings>> ListAsync(CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT section, json, version, updated_by, updated_at FROM live_settings ORDER BY section;";
            var rows = new List<StoredSettings>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(new StoredSettings(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
                }
            }

            return rows;
        }
    }

    public async Task<long?> SaveAsync(string section, string json, long expectedVersion, string updatedBy, DateTimeOffset updatedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(updatedBy);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        using var writeTurn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One statement either way, so the version check and the write cannot be split by another admin's save.
            using var command = connection.CreateCommand();
            command.CommandText = expectedVersion == 0
                ? "INSERT INTO live_settings (section, json, version, updated_by, updated_at) VALUES ($section, $json, 1, $by, $at) ON CONFLICT (section) DO NOTHING;"
                : "UPDATE live_settings SET json = $json, version = version + 1, updated_by = $by, updated_at = $at WHERE section = $section AND version = $expected;";
            command.Parameters.AddWithValue("$section", section);
            command.Parameters.AddWithValue("$json", json);
            command.Parameters.AddWithValue("$by", updatedBy);
            command.Parameters.AddWithValue("$at", updatedAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$expected", expectedVersion);
            var written = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return written == 1 ? expectedVersion + 1 : null;
        }
    }
}
