using CareBot.Server.Tests.Hosting;
using CareBot.Storage.Sqlite;
using CareBot.Testing.Channel;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CareBot.Server.Tests.Turns;

/// <summary>
/// A customer's message costs the database ONE write transaction: the dedupe outcome, the conversation state, cases
/// and outbox rows commit together (no claim before the turn, no outcome after it, no transcript copy). Counted by the
/// engines themselves: SQLite's commit hook, and on PostgreSQL the transaction ids that wrote the turn's tables.
/// </summary>
public sealed class OneTransactionPerTurnTests : IAsyncLifetime
{
    // Background writers (the instance heartbeat, the outbox poll) are slowed down so they don't write during a turn.
    private static readonly Dictionary<string, string?> Quiet = new()
    {
        ["Storage:InstanceHeartbeat"] = "01:00:00",
        ["Storage:InstanceTimeout"] = "02:00:00",
        ["Outbox:PollInterval"] = "01:00:00",
    };

    private const string CountXactsSql = """
        CREATE TABLE turn_xacts (xid xid8 NOT NULL);
        CREATE FUNCTION log_turn_xact() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN INSERT INTO turn_xacts VALUES (pg_current_xact_id()); RETURN NULL; END $$;
        CREATE TRIGGER count_outcomes AFTER INSERT OR UPDATE OR DELETE ON activity_outcomes FOR EACH ROW EXECUTE FUNCTION log_turn_xact();
        CREATE TRIGGER count_state AFTER INSERT OR UPDATE OR DELETE ON state FOR EACH ROW EXECUTE FUNCTION log_turn_xact();
        CREATE TRIGGER count_transcripts AFTER INSERT ON transcripts FOR EACH ROW EXECUTE FUNCTION log_turn_xact();
        CREATE TRIGGER count_cases AFTER INSERT OR UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION log_turn_xact();
        CREATE TRIGGER count_outbox AFTER INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION log_turn_xact();
        """;

    private FakeChannel channel = null!;

    public async Task InitializeAsync() => channel = await FakeChannel.StartAsync();

    public async Task DisposeAsync() => await channel.DisposeAsync();

    [Fact]
    public async Task On_SQLite_each_message_turn_commits_exactly_one_transaction()
    {
        await using var server = await CareBotTestServer.StartAsync(settings: Quiet);
        await server.ExchangeAsync(Activities.Message("Hi there", channel.ServiceUrl, "warm-up")); // migrations, first use
        var database = server.Services.GetRequiredService<SqliteDatabase>();
        database.CountCommits = true;

        foreach (var text in new[] { "Hi, where's my order?", "It is AB-204518" })
        {
            var before = database.Commits;
            var replies = await server.ExchangeAsync(Activities.Message(text, channel.ServiceUrl, "conv-count"));

            Assert.NotEmpty(replies);
            Assert.Equal(1, database.Commits - before);
        }
    }

    [Fact]
    public async Task On_PostgreSQL_each_message_turn_commits_exactly_one_transaction()
    {
        await using var database = await TestPostgresDatabase.CreateAsync();
        var settings = new Dictionary<string, string?>(Quiet) { ["ConnectionStrings:Postgres"] = database.ConnectionString };
        await using var server = await CareBotTestServer.StartAsync(settings: settings);
        await server.ExchangeAsync(Activities.Message("Hi there", channel.ServiceUrl, "warm-up")); // migrations, first use
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using (var install = dataSource.CreateCommand(CountXactsSql))
        {
            await install.ExecuteNonQueryAsync();
        }

        foreach (var text in new[] { "Hi, where's my order?", "It is AB-204518" })
        {
            await using (var clear = dataSource.CreateCommand("DELETE FROM turn_xacts;"))
            {
                await clear.ExecuteNonQueryAsync();
            }

            var replies = await server.ExchangeAsync(Activities.Message(text, channel.ServiceUrl, "conv-count"));

            Assert.NotEmpty(replies);
            await using var count = dataSource.CreateCommand("SELECT count(DISTINCT xid) FROM turn_xacts;");
            Assert.Equal(1L, (long)(await count.ExecuteScalarAsync())!);
        }
    }
}
