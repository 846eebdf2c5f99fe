using CareBot.Care.Incidents;
using CareBot.Care.Stores;
using CareBot.Storage.Migrations;
using CareBot.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace CareBot.Storage.Sqlite;

/// <summary>Incidents in SQLite: a write is one <c>BEGIN IMMEDIATE</c> transaction with its outbox rows, guarded by the version.</summary>
internal sealed class SqliteIncidentStore(SqliteDatabase database, StorageInitializer initializer, TimeProvider time) : IIncidentStore
{
    public async Task<IReadOnlyList<(Incident Incident, long Version)>> ListAsync(IncidentStatus? status, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT json, version FROM incidents WHERE ($status IS NULL OR status = $status) ORDER BY created_at DESC LIMIT $limit;";
            command.Parameters.AddWithValue("$status", status is { } s ? s.ToString() : DBNull.Value);
            command.Parameters.AddWithValue("$limit", limit);
            return await IncidentRows.ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<(Incident Incident, long Version)?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT json, version FROM incidents WHERE id = $id;";
            command.Parameters.AddWithValue("$id", id);
            var found = await IncidentRows.ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
            return found.Count == 0 ? null : found[0];
        }
    }

    public async Task<long> SaveAsync(Incident incident, long expectedVersion, IReadOnlyList<NewOutboxMessage> outbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        CaseRows.Validate(outbox);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        using var writeTurn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = SqliteDatabase.BeginWrite(connection);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = expectedVersion == 0
                ? "INSERT INTO incidents (id, status, version, json, created_at, updated_at) VALUES ($id, $status, 1, $json, $now, $now) ON CONFLICT (id) DO NOTHING;"
                : "UPDATE incidents SET status = $status, version = version + 1, json = $json, updated_at = $now WHERE id = $id AND version = $version;";
            command.Parameters.AddWithValue("$id", incident.Id);
            command.Parameters.AddWithValue("$status", incident.Status.ToString());
            command.Parameters.AddWithValue("$json", IncidentJson.Serialize(incident));
            command.Parameters.AddWithValue("$now", now);
            command.Parameters.AddWithValue("$version", expectedVersion);
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                throw new IncidentConflictException(incident.Id, expectedVersion);
            }

            await SqlOutboxStore.InsertAsync(SqliteEngine.Sql, connection, transaction, outbox, DateTimeOffset.FromUnixTimeMilliseconds(now), cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return expectedVersion + 1;
        }
    }
}
