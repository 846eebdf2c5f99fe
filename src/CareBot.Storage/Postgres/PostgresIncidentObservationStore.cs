using CareBot.Care.Incidents;
using CareBot.Storage.Migrations;
using CareBot.Storage.Sql;
using Npgsql;

namespace CareBot.Storage.Postgres;

/// <summary>
/// The incident detector's window in PostgreSQL, shared by every instance on the database. A claim deletes the group's
/// rows and counts them: when two instances claim overlapping groups at once, the second waits on the first's row locks,
/// then finds rows gone and rolls back, so one incident opens.
/// </summary>
internal sealed class PostgresIncidentObservationStore(NpgsqlDataSource dataSource, StorageInitializer initializer) : IIncidentObservationStore
{
    public async Task<IncidentWindow> RecordAsync(ObservedComplaint post, DateTimeOffset horizon, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One implicit transaction, committed before reading, so another instance's read sees this post too.
            var at = post.Member.At.ToUniversalTime();
            var write = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand("INSERT INTO incident_observations (at, words, json) VALUES ($1, $2, $3);")
                    {
                        Parameters =
                        {
                            new NpgsqlParameter<DateTimeOffset> { TypedValue = at },
                            new NpgsqlParameter<string[]> { TypedValue = [.. post.Words] },
                            new NpgsqlParameter<string> { TypedValue = IncidentJson.Serialize(post) },
                        },
                    },
                    new NpgsqlBatchCommand("DELETE FROM incident_observations WHERE at < $1;")
                    {
                        Parameters = { new NpgsqlParameter<DateTimeOffset> { TypedValue = horizon.ToUniversalTime() } },
                    },
                    new NpgsqlBatchCommand("DELETE FROM incident_cool_downs WHERE until <= $1;")
                    {
                        Parameters = { new NpgsqlParameter<DateTimeOffset> { TypedValue = at } },
                    },
                },
            };
            await using (write.ConfigureAwait(false))
            {
                await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var similar = new NpgsqlCommand(
                "SELECT id, json FROM incident_observations WHERE at >= $1 AND words && $2 ORDER BY id DESC LIMIT $3;", connection);
            similar.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = horizon.ToUniversalTime() });
            similar.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. post.Words] });
            similar.Parameters.Add(new NpgsqlParameter<int> { TypedValue = IncidentDetector.MaxRemembered });
            var complaints = await IncidentRows.ReadComplaintsAsync(similar, cancellationToken).ConfigureAwait(false);

            await using var cooling = new NpgsqlCommand("SELECT to_json(words)::text FROM incident_cool_downs WHERE until > $1;", connection);
            cooling.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at });
            var topics = await IncidentRows.ReadTopicsAsync(cooling, cancellationToken).ConfigureAwait(false);
            return new IncidentWindow(complaints, topics);
        }
    }

    public async Task<bool> ClaimAsync(IReadOnlyList<long> complaintIds, IReadOnlyList<string> topic, DateTimeOffset coolUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(complaintIds);
        ArgumentNullException.ThrowIfNull(topic);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var ids = complaintIds.Distinct().ToArray();
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await using (var delete = new NpgsqlCommand("DELETE FROM incident_observations WHERE id = ANY($1);", connection, transaction))
                {
                    delete.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = ids });
                    if (await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != ids.Length)
                    {
                        await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                        return false;
                    }
                }

                await InsertCoolDownAsync(connection, transaction, topic, coolUntil, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
        }
    }

    public async Task CoolDownAsync(IReadOnlyList<string> topic, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topic);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await InsertCoolDownAsync(connection, null, topic, until, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task InsertCoolDownAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<string> topic, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("INSERT INTO incident_cool_downs (words, until) VALUES ($1, $2);", connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. topic] });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = until.ToUniversalTime() });
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
