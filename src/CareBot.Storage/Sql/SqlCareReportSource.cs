using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Storage.Migrations;

namespace CareBot.Storage.Sql;

/// <summary>The report's reads, the same SQL on both engines: plain selects on <c>state</c> and <c>cases</c> by their <c>updated_at</c>.</summary>
internal sealed class SqlCareReportSource(ISqlEngine engine, StorageInitializer initializer) : ICareReportSource
{
    public async Task<IReadOnlyList<StateRecord>> ListConversationStatesAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.Command(null, """
                SELECT state_key, json, etag FROM state
                WHERE state_key LIKE 'conversation/%' AND updated_at >= @since
                ORDER BY updated_at DESC LIMIT @limit;
                """).With("@since", engine.Dialect.Time(since)).With("@limit", limit);
            var records = new List<StateRecord>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    records.Add(new StateRecord(reader.GetString(0), engine.Dialect.ReadUtf8Text(reader, 1), reader.GetString(2)));
                }
            }

            return records;
        }
    }

    public async Task<IReadOnlyList<Case>> ListCasesChangedSinceAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.Command(null, "SELECT json FROM cases WHERE updated_at >= @since ORDER BY updated_at DESC LIMIT @limit;")
                .With("@since", engine.Dialect.Time(since)).With("@limit", limit);
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
}
