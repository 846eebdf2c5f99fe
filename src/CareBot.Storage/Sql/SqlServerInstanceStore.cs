using CareBot.Protocol.Middleware;
using CareBot.Storage.Migrations;

namespace CareBot.Storage.Sql;

/// <summary>
/// The <c>server_instances</c> table, the same SQL on both engines. Bookkeeping: SQLite commits it with relaxed
/// durability, like activity outcomes (a lost heartbeat is renewed by the next).
/// </summary>
internal sealed class SqlServerInstanceStore(ISqlEngine engine, StorageInitializer initializer) : IServerInstanceStore
{
    // Two statements in one command: one round trip, and one implicit transaction on PostgreSQL.
    private const string BeatSql = """
        INSERT INTO server_instances (instance_id, host_name, process_id, process_started_at, started_at, heartbeat_at)
        VALUES (@id, @host, @pid, @processStarted, @now, @now)
        ON CONFLICT (instance_id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at;
        DELETE FROM server_instances WHERE heartbeat_at < @staleBefore;
        """;

    public async Task BeatAsync(ServerInstance instance, DateTimeOffset now, DateTimeOffset staleBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await engine.WriteAsync(
            SqlWrite.Bookkeeping,
            async (connection, transaction) =>
            {
                using var beat = connection.Command(transaction, BeatSql)
                    .With("@id", instance.Id)
                    .With("@host", instance.HostName)
                    .With("@pid", instance.ProcessId)
                    .With("@processStarted", engine.Dialect.Time(instance.ProcessStartedAt))
                    .With("@now", engine.Dialect.Time(now))
                    .With("@staleBefore", engine.Dialect.Time(staleBefore));
                return await beat.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ServerInstance>> ListOnHostAsync(string hostName, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var list = connection.Command(
                    null, "SELECT instance_id, host_name, process_id, process_started_at FROM server_instances WHERE host_name = @host;")
                .With("@host", hostName);
            var reader = await list.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var instances = new List<ServerInstance>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    instances.Add(new ServerInstance(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), engine.Dialect.ReadTime(reader, 3)));
                }

                return instances;
            }
        }
    }

    public async Task ForgetAsync(string instanceId, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await engine.WriteAsync(
            SqlWrite.Bookkeeping,
            async (connection, transaction) =>
            {
                using var forget = connection.Command(transaction, "DELETE FROM server_instances WHERE instance_id = @id;").With("@id", instanceId);
                return await forget.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }
}
