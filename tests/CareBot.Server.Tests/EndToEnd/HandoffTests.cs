using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Protocol.Schema;
using CareBot.Server.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Server.Tests.EndToEnd;

/// <summary>A hand-off opens exactly one case, in the same commit as the conversation state, and tells its real id.</summary>
public sealed class HandoffTests
{
    private const string ServiceUrl = Activities.UnusedServiceUrl; // never called: expectReplies

    [Fact]
    public async Task A_customer_who_asks_for_a_person_gets_one_queued_case_named_in_the_reply()
    {
        await using var server = await CareBotTestServer.StartAsync();
        var replies = await CareConversations.AskForAPersonAsync(server, "dm-handoff", lastActivityId: "last-1");
        var retry = Activities.Message("Wrong size delivered", ServiceUrl, "dm-handoff");
        retry.Id = "last-1";
        var again = await server.ExchangeAsync(retry); // the channel retries the same activity

        var cases = await server.Services.GetRequiredService<ICaseStore>().ListAsync(new CaseQuery(), CancellationToken.None);
        var opened = Assert.Single(cases).Case;
        Assert.Equal(CaseStatus.Queued, opened.Status);
        Assert.Equal("user-1", opened.Customer.UserId);
        Assert.Equal("sam@example.com", opened.Captured["email"].Text);
        Assert.Contains(replies, r => r.Text!.Contains(opened.Id, StringComparison.Ordinal));
        Assert.Equal(replies.Select(r => r.Text), again.Select(r => r.Text));
    }
}
