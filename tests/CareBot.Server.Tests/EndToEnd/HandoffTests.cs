using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Dialogs.Model;
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

    [Fact]
    public async Task The_hand_off_promises_the_first_response_target_of_the_case_s_priority()
    {
        await using var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Cases:Sla:Normal:FirstResponse"] = "00:45:00",
            ["Cases:Sla:Normal:Resolution"] = "08:00:00",
            ["CareBot:BusinessHours:Days"] = "mon,tue,wed,thu,fri,sat,sun", // open now, whenever the test runs
            ["CareBot:BusinessHours:From"] = "00:00",
            ["CareBot:BusinessHours:To"] = "24:00",
        });

        var replies = await CareConversations.AskForAPersonAsync(server, "dm-promise");

        var opened = Assert.Single(await server.Services.GetRequiredService<ICaseStore>().ListAsync(new CaseQuery(), CancellationToken.None)).Case;
        Assert.Equal(Priority.Normal, opened.Priority);
        Assert.Equal(TimeSpan.FromMinutes(45), opened.FirstResponseDue - opened.CreatedAt);
        Assert.Contains(replies, r => r.Text!.Contains($"case {opened.Id}", StringComparison.Ordinal)
            && r.Text.Contains("A person will reply right here within 45 minutes.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_case_keeps_each_message_s_triage_and_a_later_urgent_message_escalates_it()
    {
        await using var server = await CareBotTestServer.StartAsync();
        await CareConversations.AskForAPersonAsync(server, "dm-mood");
        var store = server.Services.GetRequiredService<ICaseStore>();
        var opened = Assert.Single(await store.ListAsync(new CaseQuery(), CancellationToken.None)).Case;
        Assert.Contains(opened.Triage, snapshot => snapshot.Signals.Contains("wantsHuman"));
        Assert.Equal(Priority.Normal, opened.Priority);

        await server.ExchangeAsync(Activities.Message("My flight leaves in 2 hours and I'm stuck at the airport, this is urgent!!!", ServiceUrl, "dm-mood"));

        var later = Assert.Single(await store.ListAsync(new CaseQuery(), CancellationToken.None)).Case;
        Assert.Contains("urgency", later.Triage[^1].Signals);
        Assert.True(later.Priority > Priority.Normal, $"priority {later.Priority}");
    }
}
