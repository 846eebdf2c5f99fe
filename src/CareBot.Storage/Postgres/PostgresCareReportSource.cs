using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Storage.Migrations;
using Npgsql;

namespace CareBot.Storage.Postgres;

/// <summary>The report's reads in PostgreSQL: plain selects on <c>state</c> and <c>cases</c> by their <c>updated_at</c>.</summary>
internal sealed class PostgresCareReportSource(NpgsqlDataSource dataSource, StorageInitializer initializer) : ICareReportSource
{
    public async Task<IReadOnlyList<StateRecord>> ListConversationStatesAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("""
            SELECT state_key, json, etag FROM state
            WHERE state_key LIKE 'conversation/%' AND updated_at >= $1
            ORDER BY updated_at DESC LIMIT $2;
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = since.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var records = new List<StateRecord>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                records.Add(new StateRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        return records;
    }

    public async Task<IReadOnlyList<Case>> ListCasesChangedSinceAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("SELECT json FROM cases WHERE updated_at >= $1 ORDER BY updated_at DESC LIMIT $2;");
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = since.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var cases = new List<Case>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                cases.Add(CaseJson.Deserialize(reader.GetString(0)));
            }
        }

        return cases;
    }
}
