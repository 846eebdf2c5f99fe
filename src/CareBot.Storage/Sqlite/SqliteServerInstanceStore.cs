using CareBot.Protocol.Middleware;
using CareBot.Storage.Migrations;
using CareBot.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace CareBot.Storage.Sqlite;

/// <summary>The <c>server_instances</c> table in SQLite (bookkeeping: relaxed durability, like activity outcomes).</summary>
internal sealed class SqliteServerInstanceStore(SqliteDatabase database, StorageInitializer initializer) : IServerInstanceStore
{
    private const string BeatSql = """
        INSERT INTO server_instances (instance_id, host_name, process_id, process_started_at, started_at, heartbeat_at)
        VALUES ($id, $host, $pid, $processStarted, $now, $now)
        ON CONFLICT (instance_id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at;
        DELETE FROM server_instances WHERE heartbeat_at < $staleBefore;
        """;

    private const string ListSql = """
        SELECT instance_id, host_name, process_id, process_started_at FROM server_instances WHERE host_name = $host;
        """;

    private const string ForgetSql = "DELETE FROM server_instances WHERE instance_id = $id;";

    public async Task BeatAsync(ServerInstance instance, DateTimeOffset now, DateTimeOffset staleBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        using var writeTurn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenRelaxedAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var beat = connection.CreateCommand();
            beat.CommandText = BeatSql;
            beat.Parameters.AddWithValue("$id", instance.Id);
            beat.Parameters.AddWithValue("$host", instance.HostName);
            beat.Parameters.AddWithValue("$pid", instance.ProcessId);
            beat.Parameters.AddWithValue("$processStarted", instance.ProcessStartedAt.ToUnixTimeMilliseconds());
            beat.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            beat.Parameters.AddWithValue("$staleBefore", staleBefore.ToUnixTimeMilliseconds());
            await beat.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<ServerInstance>> ListOnHostAsync(string hostName, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenRelaxedAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var list = connection.CreateCommand();
            list.CommandText = ListSql;
            list.Parameters.AddWithValue("$host", hostName);
            var reader = await list.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var instances = new List<ServerInstance>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    instances.Add(new ServerInstance(
                        reader.GetString(0), reader.GetString(1), reader.GetInt32(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
                }

                return instances;
            }
        }
    }

    public async Task ForgetAsync(string instanceId, CancellationToken cancellationToken)
    {
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        using var writeTurn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenRelaxedAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var forget = connection.CreateCommand();
            forget.CommandText = ForgetSql;
            forget.Parameters.AddWithValue("$id", instanceId);
            await forget.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
