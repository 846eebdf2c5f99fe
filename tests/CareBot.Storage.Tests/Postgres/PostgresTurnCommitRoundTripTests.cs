using CareBot.Care.Stores;
using CareBot.Protocol.Middleware;
using CareBot.Storage.Tests.Cases;
using CareBot.Storage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CareBot.Storage.Tests.Postgres;

/// <summary>
/// A PostgreSQL turn commit costs one network round trip, however much the turn stores: its outcome row, state, a new
/// case, a case update and an outbox row travel in one batch, committed by the server as one implicit transaction.
/// Counted on the wire by a proxy between Npgsql and the server.
/// </summary>
public sealed class PostgresTurnCommitRoundTripTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_turn_with_outcome_state_new_case_case_update_and_outbox_row_commits_in_one_round_trip()
    {
        var database = await fixture.CreateDatabaseAsync();
        var target = new NpgsqlConnectionStringBuilder(database["ConnectionStrings:Postgres"]);
        await using var proxy = new RoundTripCountingProxy(target.Host!, target.Port);
        var proxied = new Dictionary<string, string?>(database)
        {
            ["ConnectionStrings:Postgres"] = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port }.ConnectionString,
        };
        await using var services = fixture.CreateServices(proxied);
        var turns = services.GetRequiredService<ITurnCommitStore>();
        var cases = services.GetRequiredService<ICaseStore>();

        // Warm up: the migration and the pooled connection's first opening cost their own round trips.
        var existing = await TestCases.NewAsync(cases, Now);
        await turns.CommitAsync(TestCases.Turn([existing]), CancellationToken.None);
        var stored = (await cases.GetAsync(existing.Id, CancellationToken.None))!;
        stored.Case.HandBack(Now);
        var opened = await TestCases.NewAsync(cases, Now);
        var turn = TestCases.Turn(
                [opened],
                [new NewOutboxMessage(OutboxKind.Email, "handoff-email/" + opened.CreationKey, """{"to":"a@example.com"}""")],
                new StateWrite("conversation/" + Guid.NewGuid().ToString("N"), "{}", null))
            with
            {
                CaseUpdates = [new CaseUpdate(stored.Case, stored.Version)],
                Processed = new ProcessedActivity(new ActivityKey("webchat", "c-1", Guid.NewGuid().ToString("N")), new StoredTurnOutcome(200, "{}")),
            };

        var before = proxy.RoundTrips;
        var result = await turns.CommitAsync(turn, CancellationToken.None);
        var roundTrips = proxy.RoundTrips - before;

        Assert.Equal(1, roundTrips);
        Assert.True(Assert.Single(result.Cases).Created);
        Assert.Equal(stored.Version + 1, (await cases.GetAsync(existing.Id, CancellationToken.None))!.Version);
    }
}
