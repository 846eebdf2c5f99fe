using CareBot.Care.Incidents;
using CareBot.Storage.Migrations;
using CareBot.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace CareBot.Storage.Sqlite;

/// <summary>
/// The incident detector's window in SQLite (one process writes it): each write is one <c>BEGIN IMMEDIATE</c>
/// transaction, so recording and claiming never interleave. Key words are JSON arrays, matched with <c>json_each</c>.
/// </summary>
internal sealed class SqliteIncidentObservationStore(SqliteDatabase database, StorageInitializer initializer) : IIncidentObservationStore
{
    public async Task<IncidentWindow> RecordAsync(ObservedComplaint post, DateTimeOffset horizon, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        using var writeTurn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = SqliteDatabase.BeginWrite(connection);
            using var write = connection.CreateCommand();
            write.Transaction = transaction;
            write.CommandText = """
                INSERT INTO incident_observations (at, words, json) VALUES ($at, $words, $json);
                DELETE FROM incident_observations WHERE at < $horizon;
                DELETE FROM incident_cool_downs WHERE until <= $at;
                """;
            write.Parameters.AddWithValue("$at", post.Member.At.ToUnixTimeMilliseconds());
            write.Parameters.AddWithValue("$words", IncidentRows.WordsToJson(post.Words));
            write.Parameters.AddWithValue("$json", IncidentJson.Serialize(post));
            write.Parameters.AddWithValue("$horizon", horizon.ToUnixTimeMilliseconds());
            await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

            using var similar = connection.CreateCommand();
            similar.Transaction = transaction;
            similar.CommandText = """
                SELECT id, json FROM incident_observations o
                WHERE at >= $horizon AND EXISTS (SELECT 1 FROM json_each(o.words) w WHERE w.value IN (SELECT value FROM json_each($words)))
                ORDER BY id DESC LIMIT $limit;
                """;
            similar.Parameters.AddWithValue("$horizon", horizon.ToUnixTimeMilliseconds());
            similar.Parameters.AddWithValue("$words", IncidentRows.WordsToJson(post.Words));
            similar.Parameters.AddWithValue("$limit", IncidentDetector.MaxRemembered);
            var complaints = await IncidentRows.ReadComplaintsAsync(similar, cancellationToken).ConfigureAwait(false);

            using var cooling = connection.CreateCommand();
            cooling.Transaction = transaction;
            cooling.CommandText = "SELECT words FROM incident_cool_downs WHERE until > $at;";
            cooling.Parameters.AddWithValue("$at", post.Member.At.ToUnixTimeMilliseconds());
            var topics = await IncidentRows.ReadTopicsAsync(cooling, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new IncidentWindow(complaints, topics);
        }
    }

    public async Task<bool> ClaimAsync(IReadOnlyList<long> complaintIds, IReadOnlyList<string> topic, DateTimeOffset coolUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(complaintIds);
        ArgumentNullException.ThrowIfNull(topic);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        using var writeTurn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = SqliteDatabase.BeginWrite(connection);
            using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM incident_observations WHERE id IN (SELECT value FROM json_each($ids));";
            delete.Parameters.AddWithValue("$ids", System.Text.Json.JsonSerializer.Serialize(complaintIds));
            if (await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != complaintIds.Distinct().Count())
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return false;
            }

            await InsertCoolDownAsync(connection, transaction, topic, coolUntil, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
    }

    public async Task CoolDownAsync(IReadOnlyList<string> topic, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topic);
        await initializer.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        using var writeTurn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = SqliteDatabase.BeginWrite(connection);
            await InsertCoolDownAsync(connection, transaction, topic, until, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task InsertCoolDownAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<string> topic, DateTimeOffset until, CancellationToken cancellationToken)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO incident_cool_downs (words, until) VALUES ($words, $until);";
        insert.Parameters.AddWithValue("$words", IncidentRows.WordsToJson(topic));
        insert.Parameters.AddWithValue("$until", until.ToUnixTimeMilliseconds());
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
