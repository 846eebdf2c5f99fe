using CareBot.Care.Incidents;
using CareBot.Care.Stores;
using CareBot.Storage.Migrations;
using CareBot.Storage.Sql;
using Npgsql;

namespace CareBot.Storage.Postgres;

/// <summary>Incidents in PostgreSQL: a write is one transaction with its outbox rows, guarded by the version.</summary>
internal sealed class PostgresIncidentStore(NpgsqlDataSource dataSource, StorageInitializer initializer, TimeProvider time) : IIncidentStore
{
    public async Task<IReadOnlyList<(Incident Incident, long Version)>> ListAsync(IncidentStatus? status, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("SELECT json, version FROM incidents WHERE ($1::text IS NULL OR status = $1) ORDER BY created_at DESC LIMIT $2;");
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = status?.ToString() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return await IncidentRows.ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<(Incident Incident, long Version)?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("SELECT json, version FROM incidents WHERE id = $1;");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        var found = await IncidentRows.ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<long> SaveAsync(Incident incident, long expectedVersion, IReadOnlyList<NewOutboxMessage> outbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        CaseRows.Validate(outbox);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().ToUniversalTime();
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await using var command = new NpgsqlCommand(
                    expectedVersion == 0
                        ? "INSERT INTO incidents (id, status, version, json, created_at, updated_at) VALUES ($1, $2, 1, $3, $4, $4) ON CONFLICT (id) DO NOTHING;"
                        : "UPDATE incidents SET status = $2, version = version + 1, json = $3, updated_at = $4 WHERE id = $1 AND version = $5;",
                    connection,
                    transaction);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = incident.Id });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = incident.Status.ToString() });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = IncidentJson.Serialize(incident) });
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
                if (expectedVersion != 0)
                {
                    command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expectedVersion });
                }

                if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
                {
                    throw new IncidentConflictException(incident.Id, expectedVersion);
                }

                await SqlOutboxStore.InsertAsync(PostgresEngine.Sql, connection, transaction, outbox, now, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return expectedVersion + 1;
            }
        }
    }
}
