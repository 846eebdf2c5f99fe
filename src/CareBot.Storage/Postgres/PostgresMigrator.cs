using CareBot.Storage.Migrations;
using CareBot.Storage.Sql;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CareBot.Storage.Postgres;

/// <summary>
/// Applies the PostgreSQL migrations in one transaction under a transaction-scoped advisory lock, so that several
/// server processes starting at once apply each step exactly once: the others wait for the lock, then find nothing to do.
/// </summary>
internal sealed class PostgresMigrator(NpgsqlDataSource dataSource, TimeProvider time, ILogger<PostgresMigrator> logger) : IStorageMigrator
{
    private const string Engine = "PostgreSQL";

    /// <summary>An arbitrary constant shared by every CareBot process: "CareBot" in ASCII.</summary>
    private const long MigrationLockId = 0x43_61_72_65_42_6F_74;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var migrations = MigrationScripts.Load(MigrationScripts.Postgres);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // The lock comes before CREATE TABLE IF NOT EXISTS: two concurrent IF NOT EXISTS can still collide.
                await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1);", connection, transaction))
                {
                    command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = MigrationLockId });
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await ExecuteAsync(
                    connection,
                    transaction,
                    "CREATE TABLE IF NOT EXISTS schema_migrations (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL);",
                    cancellationToken).ConfigureAwait(false);

                var applied = new HashSet<int>();
                await using (var command = new NpgsqlCommand("SELECT version FROM schema_migrations;", connection, transaction))
                {
                    var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            applied.Add(reader.GetInt32(0));
                        }
                    }
                }

                foreach (var migration in migrations.Where(m => !applied.Contains(m.Version)))
                {
                    await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
                    await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3);", connection, transaction))
                    {
                        record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = migration.Version });
                        record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Name });
                        record.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() });
                        await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }

                    logger.MigrationApplied(Engine, migration.Version, migration.Name);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                logger.SchemaUpToDate(Engine, migrations.Count);
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
