using CareBot.Care.Stores;
using CareBot.Storage.Migrations;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CareBot.Storage.Postgres;

/// <summary>
/// Conversation and user state in PostgreSQL. A read is one query; a write is one call of the
/// <c>carebot_write_state</c> function (migration 1), which applies every document in one statement and raises
/// SQLSTATE CB409 on the first stale ETag, so a turn's save is one round trip and all-or-nothing.
/// </summary>
internal sealed class PostgresStateStore(
    NpgsqlDataSource dataSource,
    StorageInitializer initializer,
    TimeProvider time,
    ILogger<PostgresStateStore> logger) : IStateStore
{
    /// <summary>The SQLSTATE that <c>carebot_write_state</c> raises for a stale ETag.</summary>
    private const string ConflictSqlState = "CB409";

    public async Task<IReadOnlyDictionary<string, StateRecord>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var records = new Dictionary<string, StateRecord>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return records;
        }

        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("SELECT state_key, json, etag FROM state WHERE state_key = ANY($1);");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. keys] });
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var record = new StateRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2));
                records[record.Key] = record;
            }
        }

        return records;
    }

    public async Task<IReadOnlyList<StateRecord>> WriteAsync(IReadOnlyCollection<StateWrite> writes, CancellationToken cancellationToken)
    {
        StateWrites.Validate(writes);
        if (writes.Count == 0)
        {
            return [];
        }

        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var results = writes.Select(w => new StateRecord(w.Key, w.Json, ETags.New())).ToList();
        await using var command = dataSource.CreateCommand("SELECT carebot_write_state($1, $2, $3, $4, $5);");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. writes.Select(w => w.Key)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. writes.Select(w => w.Json)] });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. writes.Select(w => w.ExpectedETag)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. results.Select(r => r.ETag)] });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow().ToUniversalTime() });
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException exception) when (exception.SqlState == ConflictSqlState)
        {
            var write = writes.ElementAt(ConflictPosition(exception.MessageText) - 1);
            logger.StateConflict(write.Key, write.ExpectedETag);
            throw new StateConflictException(write.Key, write.ExpectedETag);
        }

        return results;
    }

    public async Task DeleteAsync(string key, string? expectedETag, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        if (expectedETag is null or ETags.Any)
        {
            await using var delete = dataSource.CreateCommand("DELETE FROM state WHERE state_key = $1;");
            delete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        // One statement: the EXISTS sees the snapshot from before the DELETE, so "nothing deleted but the key exists"
        // means the ETag was stale.
        await using var command = dataSource.CreateCommand("""
            WITH deleted AS (DELETE FROM state WHERE state_key = $1 AND etag = $2 RETURNING 1)
            SELECT (SELECT count(*) FROM deleted), EXISTS (SELECT 1 FROM state WHERE state_key = $1);
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = expectedETag });
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (reader.GetInt64(0) == 0 && reader.GetBoolean(1))
            {
                logger.StateConflict(key, expectedETag);
                throw new StateConflictException(key, expectedETag);
            }
        }
    }

    /// <summary>The 1-based position of the stale write, which ends the message ("stale state ETag at write 2").</summary>
    private static int ConflictPosition(string message) =>
        int.Parse(message.AsSpan(message.LastIndexOf(' ') + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
}
