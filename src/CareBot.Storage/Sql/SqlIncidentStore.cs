using CareBot.Care.Incidents;
using CareBot.Care.Stores;
using CareBot.Storage.Migrations;

namespace CareBot.Storage.Sql;

/// <summary>
/// Incidents (table <c>incidents</c>), the same SQL on both engines: a write is one transaction with its outbox rows,
/// guarded by the version.
/// </summary>
internal sealed class SqlIncidentStore(ISqlEngine engine, StorageInitializer initializer, TimeProvider time) : IIncidentStore
{
    public async Task<IReadOnlyList<(Incident Incident, long Version)>> ListAsync(IncidentStatus? status, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.Command(
                    null, "SELECT json, version FROM incidents WHERE (@status IS NULL OR status = @status) ORDER BY created_at DESC LIMIT @limit;")
                .WithText("@status", status?.ToString())
                .With("@limit", limit);
            return await IncidentRows.ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<(Incident Incident, long Version)?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.Command(null, "SELECT json, version FROM incidents WHERE id = @id;").With("@id", id);
            var found = await IncidentRows.ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
            return found.Count == 0 ? null : found[0];
        }
    }

    public async Task<long> SaveAsync(Incident incident, long expectedVersion, IReadOnlyList<NewOutboxMessage> outbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        CaseRows.Validate(outbox);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        return await engine.WriteAsync(
            SqlWrite.AllOrNothing,
            async (connection, transaction) =>
            {
                using var command = connection.Command(transaction, expectedVersion == 0
                    ? "INSERT INTO incidents (id, status, version, json, created_at, updated_at) VALUES (@id, @status, 1, @json, @now, @now) ON CONFLICT (id) DO NOTHING;"
                    : "UPDATE incidents SET status = @status, version = version + 1, json = @json, updated_at = @now WHERE id = @id AND version = @version;")
                    .With("@id", incident.Id)
                    .With("@status", incident.Status.ToString())
                    .With("@json", IncidentJson.Serialize(incident))
                    .With("@now", engine.Dialect.Time(now));
                if (expectedVersion != 0)
                {
                    command.With("@version", expectedVersion);
                }

                // Throwing rolls the transaction back, so a conflict writes no outbox rows either.
                if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
                {
                    throw new IncidentConflictException(incident.Id, expectedVersion);
                }

                await SqlOutboxStore.InsertAsync(engine.Dialect, connection, transaction, null, outbox, now, cancellationToken).ConfigureAwait(false);
                return expectedVersion + 1;
            },
            cancellationToken).ConfigureAwait(false);
    }
}
