using CareBot.Protocol.Middleware;
using CareBot.Storage.Migrations;
using CareBot.Storage.Sql;
using Npgsql;

namespace CareBot.Storage.Postgres;

/// <summary>The <c>server_instances</c> table in PostgreSQL, shared by every server process.</summary>
internal sealed class PostgresServerInstanceStore(NpgsqlDataSource dataSource, StorageInitializer initializer) : IServerInstanceStore
{
    private const string BeatSql = """
        INSERT INTO server_instances (instance_id, host_name, process_id, process_started_at, started_at, heartbeat_at)
        VALUES ($1, $2, $3, $4, $5, $5)
        ON CONFLICT (instance_id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at;
        """;

    private const string ForgetStaleSql = "DELETE FROM server_instances WHERE heartbeat_at < $1;";

    private const string ListSql = """
        SELECT instance_id, host_name, process_id, process_started_at FROM server_instances WHERE host_name = $1;
        """;

    private const string ForgetSql = "DELETE FROM server_instances WHERE instance_id = $1;";

    public async Task BeatAsync(ServerInstance instance, DateTimeOffset now, DateTimeOffset staleBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var batch = dataSource.CreateBatch();
        await using (batch.ConfigureAwait(false))
        {
            var beat = new NpgsqlBatchCommand(BeatSql);
            beat.Parameters.Add(new NpgsqlParameter<string> { TypedValue = instance.Id });
            beat.Parameters.Add(new NpgsqlParameter<string> { TypedValue = instance.HostName });
            beat.Parameters.Add(new NpgsqlParameter<int> { TypedValue = instance.ProcessId });
            beat.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = instance.ProcessStartedAt.ToUniversalTime() });
            beat.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
            batch.BatchCommands.Add(beat);
            var stale = new NpgsqlBatchCommand(ForgetStaleSql);
            stale.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = staleBefore.ToUniversalTime() });
            batch.BatchCommands.Add(stale);
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<ServerInstance>> ListOnHostAsync(string hostName, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var list = dataSource.CreateCommand(ListSql);
        list.Parameters.Add(new NpgsqlParameter<string> { TypedValue = hostName });
        await using var reader = await list.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var instances = new List<ServerInstance>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            instances.Add(new ServerInstance(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return instances;
    }

    public async Task ForgetAsync(string instanceId, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var forget = dataSource.CreateCommand(ForgetSql);
        forget.Parameters.Add(new NpgsqlParameter<string> { TypedValue = instanceId });
        await forget.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
