using CareBot.Server.Tests.Hosting;

namespace CareBot.Server.Tests.EndToEnd;

/// <summary>A conversation lives in the database, not in the process: it continues across a restart.</summary>
public sealed class RestartTests
{
    private const string ServiceUrl = Activities.UnusedServiceUrl; // never called: expectReplies

    [Fact]
    public async Task A_conversation_continues_where_it_was_after_the_server_restarts()
    {
        var database = CareBotTestServer.NewDatabasePath();
        await using (var before = await CareBotTestServer.StartAsync(database))
        {
            var opening = await before.ExchangeAsync(Hosting.Activities.Message("My order never arrived and NOBODY answers!!!", ServiceUrl, "conv-restart"));
            Assert.Contains("I'm listening", Assert.Single(opening).Text, StringComparison.Ordinal);
        }

        await using var after = await CareBotTestServer.StartAsync(database);
        var next = await after.ExchangeAsync(Hosting.Activities.Message("I have waited two weeks", ServiceUrl, "conv-restart"));

        // Still in the venting step: a reflection, not the opening again.
        var reply = Assert.Single(next).Text;
        Assert.DoesNotContain("I'm listening", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Tell me more about what happened", reply, StringComparison.Ordinal);
    }
}
