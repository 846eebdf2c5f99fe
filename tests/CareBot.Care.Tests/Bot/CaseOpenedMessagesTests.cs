using CareBot.Care.Bot;
using CareBot.Care.Cases;
using CareBot.Care.Cases.Notifications;
using CareBot.Care.Tests.Cases.Notifications;
using CareBot.Protocol.Schema;
using Microsoft.Extensions.Options;

namespace CareBot.Care.Tests.Bot;

/// <summary>What announces a new case: a case that joins an incident pages no one, but its customer still gets the confirmation.</summary>
public sealed class CaseOpenedMessagesTests
{
    private static readonly ConversationReference Conversation = new() { ChannelId = "twitter", Conversation = new ConversationAccount { Id = "conv-1" } };

    private static List<string> KeysFor(Case opened) =>
        [.. new CaseOpenedMessages(new CaseEmails(new NotificationOptions { AgentEmail = "agents@fabrikam.example" }), Options.Create(new CareBotOptions { SendHandoffInitiate = true }))
            .For(opened, Conversation, [])
            .Select(m => m.IdempotencyKey)];

    [Fact]
    public void A_case_on_its_own_pages_the_agents_by_email_and_the_hub_by_handoff_initiate_and_confirms_to_the_customer()
    {
        var opened = NotificationCases.Open();

        var keys = KeysFor(opened);

        Assert.Contains(CaseEmails.AgentNotificationKey(opened.Id), keys);
        Assert.Contains("handoff-initiate/" + opened.CreationKey, keys);
        Assert.Contains(CaseEmails.CustomerConfirmationKey(opened.Id), keys);
    }

    [Fact]
    public void A_case_that_joins_an_incident_pages_neither_agents_nor_the_hub_but_still_confirms_to_the_customer_by_email()
    {
        var opened = NotificationCases.Open();
        opened.AttachToIncident("I-20261102-0900-abcd", NotificationCases.T0);

        var keys = KeysFor(opened);

        Assert.Equal([CaseEmails.CustomerConfirmationKey(opened.Id)], keys);
    }
}
