using CareBot.Care.Settings;
using CareBot.Storage.Migrations;

namespace CareBot.Storage.Sql;

/// <summary>The settings admins change without a restart (table <c>live_settings</c>), the same SQL on both engines.</summary>
internal sealed class SqlLiveSettingsStore(ISqlEngine engine, StorageInitializer initializer) : ILiveSettingsStore
{
    public async Task<IReadOnlyList<StoredSettings>> ListAsync(CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.Command(null, "SELECT section, json, version, updated_by, updated_at FROM live_settings ORDER BY section;");
            var rows = new List<StoredSettings>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(new StoredSettings(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), engine.Dialect.ReadTime(reader, 4)));
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

        // One statement either way, so the version check and the write cannot be split by another admin's save.
        var written = await engine.WriteAsync(
            SqlWrite.OneStatement,
            async (connection, transaction) =>
            {
                using var command = connection.Command(transaction, expectedVersion == 0
                    ? "INSERT INTO live_settings (section, json, version, updated_by, updated_at) VALUES (@section, @json, 1, @by, @at) ON CONFLICT (section) DO NOTHING;"
                    : "UPDATE live_settings SET json = @json, version = version + 1, updated_by = @by, updated_at = @at WHERE section = @section AND version = @expected;");
                command.With("@section", section).With("@json", json).With("@by", updatedBy).With("@at", engine.Dialect.Time(updatedAt));
                if (expectedVersion != 0)
                {
                    command.With("@expected", expectedVersion);
                }

                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        return written == 1 ? expectedVersion + 1 : null;
    }
}
