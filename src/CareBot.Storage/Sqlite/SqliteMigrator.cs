using CareBot.Storage.Migrations;
using CareBot.Storage.Sql;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CareBot.Storage.Sqlite;

/// <summary>
/// Applies the SQLite migrations inside one <c>BEGIN IMMEDIATE</c> transaction (SQLite DDL is transactional), so that
/// two processes opening the same file at once apply each step exactly once.
/// </summary>
internal sealed class SqliteMigrator(SqliteDatabase database, TimeProvider time, ILogger<SqliteMigrator> logger) : IStorageMigrator
{
    private const string Engine = "SQLite";

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var migrations = MigrationScripts.Load(MigrationScripts.Sqlite);
        using var writeTurn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // WAL lets readers run beside the one writer; the mode is stored in the file, and cannot change inside a
            // transaction, so it is set first.
            await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);

            using var transaction = SqliteDatabase.BeginWrite(connection);
            await ExecuteAsync(
                connection,
                transaction,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);",
                cancellationToken).ConfigureAwait(false);

            var applied = await ReadAppliedAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            foreach (var migration in migrations.Where(m => !applied.Contains(m.Version)))
            {
                await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
                using var record = connection.CreateCommand();
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($version, $name, $appliedAt);";
                record.Parameters.AddWithValue("$version", migration.Version);
                record.Parameters.AddWithValue("$name", migration.Name);
                record.Parameters.AddWithValue("$appliedAt", time.GetUtcNow().ToUnixTimeMilliseconds());
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                logger.MigrationApplied(Engine, migration.Version, migration.Name);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            logger.SchemaUpToDate(Engine, migrations.Count);
        }
    }

    private static async Task<HashSet<int>> ReadAppliedAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version FROM schema_migrations;";
        var applied = new HashSet<int>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        return applied;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
