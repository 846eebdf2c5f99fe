using System.Net;
using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Server.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Server.Tests.Agents;

/// <summary>An agent who asked the customer something parks the case; the customer's answer brings it back, silently.</summary>
public sealed class WaitingOnCustomerTests
{
    [Fact]
    public async Task The_customers_next_message_is_recorded_and_takes_the_case_back_to_the_agent_without_a_bot_reply()
    {
        await using var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?> { ["Agents:ApiKeys:ann"] = "key-ann" });
        await CareConversations.AskForAPersonAsync(server, "dm-wait");
        var store = server.Services.GetRequiredService<ICaseStore>();
        var id = Assert.Single(await store.ListAsync(new CaseQuery(), CancellationToken.None)).Case.Id;

        using var unclaimed = await PostAsync(server, $"/api/cases/{id}/wait");
        using var claimed = await PostAsync(server, $"/api/cases/{id}/claim");
        using var waiting = await PostAsync(server, $"/api/cases/{id}/wait");
        var parked = (await store.GetAsync(id, CancellationToken.None))!.Case.Status;
        var answer = await server.ExchangeAsync(Activities.Message("The order was AB-123456, sorry", Activities.UnusedServiceUrl, "dm-wait"));
        var after = (await store.GetAsync(id, CancellationToken.None))!.Case;

        Assert.Equal(HttpStatusCode.Conflict, unclaimed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, waiting.StatusCode);
        Assert.Equal(CaseStatus.WaitingOnCustomer, parked);
        Assert.Empty(answer);
        Assert.Equal(CaseStatus.Assigned, after.Status);
        Assert.Equal(("The order was AB-123456, sorry", CaseAuthor.Customer), (after.Transcript[^1].Text, after.Transcript[^1].Author));
    }

    private static Task<HttpResponseMessage> PostAsync(CareBotTestServer server, string path) =>
        server.SendAsAgentAsync(HttpMethod.Post, path, "key-ann");
}
