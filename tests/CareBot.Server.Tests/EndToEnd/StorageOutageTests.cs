using System.Net;
using CareBot.Protocol.Schema;
using CareBot.Server.Tests.Hosting;
using Microsoft.Data.Sqlite;

namespace CareBot.Server.Tests.EndToEnd;

/// <summary>A storage outage is a 503 the channel retries, never a 500, and leaves nothing half-written.</summary>
public sealed class StorageOutageTests
{
    private const string ServiceUrl = Activities.UnusedServiceUrl; // never called: expectReplies

    [Fact]
    public async Task A_message_posted_while_SQLite_is_locked_gets_503_with_retry_after_and_its_retry_is_processed()
    {
        var database = CareBotTestServer.NewDatabasePath();
        await using var server = await CareBotTestServer.StartAsync(database, new Dictionary<string, string?> { ["Storage:SqliteBusyTimeout"] = "00:00:01" });
        await server.ExchangeAsync(Activities.Message("My order never arrived and NOBODY answers!!!", ServiceUrl, "conv-outage"));
        var message = Activities.Message("I have waited two weeks", ServiceUrl, "conv-outage");
        message.DeliveryMode = DeliveryModes.ExpectReplies;

        await using (var locker = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            // Another process (a backup, an admin's sqlite3) holds the write lock longer than the busy timeout.
            await locker.OpenAsync();
            await using var held = (SqliteTransaction)await locker.BeginTransactionAsync(System.Data.IsolationLevel.Serializable);
            await using (var write = locker.CreateCommand())
            {
                write.Transaction = held;
                write.CommandText = "DELETE FROM state WHERE state_key = 'nothing';";
                await write.ExecuteNonQueryAsync();
            }

            using var refused = await server.PostActivityAsync(message);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
            var error = ActivityJson.Deserialize<ErrorResponse>(await refused.Content.ReadAsStringAsync())!.Error!;
            Assert.Equal("StorageUnavailable", error.Code);
        }

        // The lock is gone: the channel's retry (same id) runs the turn, which nothing of the refused delivery anticipated.
        var replies = await server.ExchangeAsync(message);
        Assert.NotEmpty(replies);
        Assert.DoesNotContain("I'm listening", replies[0].Text, StringComparison.Ordinal);
    }
}
