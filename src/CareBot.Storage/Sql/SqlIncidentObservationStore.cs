using CareBot.Care.Incidents;
using CareBot.Storage.Migrations;

namespace CareBot.Storage.Sql;

/// <summary>
/// The incident detector's window (tables <c>incident_observations</c> and <c>incident_cool_downs</c>), the same SQL on
/// both engines but for how key words are kept and matched (<see cref="SqlDialect.SharesAny"/>: JSON arrays and
/// <c>json_each</c> on SQLite, GIN-indexed arrays on PostgreSQL). A claim deletes the group's rows and counts them: when
/// two instances claim overlapping groups at once, the second finds rows gone (on PostgreSQL after waiting on the first's
/// row locks) and rolls back, so one incident opens.
/// </summary>
internal sealed class SqlIncidentObservationStore(ISqlEngine engine, StorageInitializer initializer) : IIncidentObservationStore
{
    private SqlDialect Dialect => engine.Dialect;

    public async Task<IncidentWindow> RecordAsync(ObservedComplaint post, DateTimeOffset horizon, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var at = Dialect.Time(post.Member.At);
        var words = Dialect.Strings(post.Words);

        // The write is one command, atomic by itself. On PostgreSQL it commits before the reads, so another instance's
        // read sees this post too; on SQLite the reads share the write's transaction, so nothing comes between.
        return await engine.WriteAsync(
            SqlWrite.OneStatement,
            async (connection, transaction) =>
            {
                using (var write = connection.Command(transaction, """
                    INSERT INTO incident_observations (at, words, json) VALUES (@at, @words, @json);
                    DELETE FROM incident_observations WHERE at < @horizon;
                    DELETE FROM incident_cool_downs WHERE until <= @at;
                    """))
                {
                    write.With("@at", at).With("@words", words).With("@json", IncidentJson.Serialize(post)).With("@horizon", Dialect.Time(horizon));
                    await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                using var similar = connection.Command(
                        transaction,
                        $"SELECT id, json FROM incident_observations o WHERE at >= @horizon AND {Dialect.SharesAny("o.words", "@words")} ORDER BY id DESC LIMIT @limit;")
                    .With("@horizon", Dialect.Time(horizon))
                    .With("@words", words)
                    .With("@limit", IncidentDetector.MaxRemembered);
                var complaints = await IncidentRows.ReadComplaintsAsync(similar, cancellationToken).ConfigureAwait(false);

                using var cooling = connection.Command(transaction, "SELECT words FROM incident_cool_downs WHERE until > @at;").With("@at", at);
                var topics = await IncidentRows.ReadTopicsAsync(Dialect, cooling, cancellationToken).ConfigureAwait(false);
                return new IncidentWindow(complaints, topics);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> ClaimAsync(IReadOnlyList<long> complaintIds, IReadOnlyList<string> topic, DateTimeOffset coolUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(complaintIds);
        ArgumentNullException.ThrowIfNull(topic);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        long[] ids = [.. complaintIds.Distinct()];
        try
        {
            return await engine.WriteAsync(
                SqlWrite.AllOrNothing,
                async (connection, transaction) =>
                {
                    using (var delete = connection.Command(transaction, $"DELETE FROM incident_observations WHERE {Dialect.IsAnyOf("id", "@ids")};"))
                    {
                        delete.With("@ids", Dialect.Numbers(ids));
                        if (await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != ids.Length)
                        {
                            throw new ClaimLostException();
                        }
                    }

                    await InsertCoolDownAsync(connection, transaction, topic, coolUntil, cancellationToken).ConfigureAwait(false);
                    return true;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (ClaimLostException)
        {
            // The engine rolled the deletion back: the rows another instance did not take stay in the window.
            return false;
        }
    }

    public async Task CoolDownAsync(IReadOnlyList<string> topic, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topic);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await engine.WriteAsync(
            SqlWrite.OneStatement,
            (connection, transaction) => InsertCoolDownAsync(connection, transaction, topic, until, cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> InsertCoolDownAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, IReadOnlyList<string> topic, DateTimeOffset until, CancellationToken cancellationToken)
    {
        using var insert = connection.Command(transaction, "INSERT INTO incident_cool_downs (words, until) VALUES (@words, @until);")
            .With("@words", Dialect.Strings(topic))
            .With("@until", Dialect.Time(until));
        return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Some of a claim's rows were gone: thrown inside the write so that the engine rolls back what the claim deleted
    /// (its transaction commits whenever the write returns), caught in <see cref="ClaimAsync"/>.
    /// </summary>
    private sealed class ClaimLostException : Exception;
}
