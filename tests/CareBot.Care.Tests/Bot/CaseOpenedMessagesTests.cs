using System.Text.Json;
using CareBot.Care.Bot;
using CareBot.Care.Cases;
using CareBot.Care.Cases.Notifications;
using CareBot.Care.Delivery;
using CareBot.Care.Stores;
using CareBot.Protocol.Handoff;
using CareBot.Protocol.Schema;
using Microsoft.Extensions.Options;
using static CareBot.Care.Tests.Bot.CareFixtures;

namespace CareBot.Care.Tests.Bot;

/// <summary>The outbox rows that announce a new case: agent notification, customer confirmation, handoff.initiate.</summary>
public sealed class CaseOpenedMessagesTests
{
    private static readonly CaseMessage[] Lines =
    [
        Line(CaseAuthor.Customer, "@brand my order never came", CaseThread.Public),
        Line(CaseAuthor.Bot, "Let's talk privately.", CaseThread.Public),
        Line(CaseAuthor.Customer, "It's order 12345"),
        Line(CaseAuthor.Bot, "An agent will reply here."),
    ];

    private static CaseOpenedMessages Messages(string? agentEmail = "care-team@example.com", bool sendHandoffInitiate = false) =>
        new(Emails(agentEmail), Options.Create(new CareBotOptions { SendHandoffInitiate = sendHandoffInitiate }));

    [Fact]
    public void A_case_in_a_private_chat_notifies_the_agents_only()
    {
        var opened = QueuedCase(origin: PrivateOrigin(), email: "dana@example.com");

        var rows = Messages().For(opened, Reference("dm-1"), Lines);

        var row = Assert.Single(rows);
        Assert.Equal((OutboxKind.Email, CaseEmails.AgentNotificationKey(opened.Id)), (row.Kind, row.IdempotencyKey));
        var email = EmailIn(row);
        Assert.Equal("care-team@example.com", email.To);
        Assert.Contains(opened.Id, email.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_agent_address_no_notification_is_written()
    {
        var rows = Messages(agentEmail: null).For(QueuedCase(origin: PrivateOrigin()), Reference("dm-1"), Lines);

        Assert.Empty(rows);
    }

    [Fact]
    public void A_case_that_continues_by_email_also_confirms_to_the_customer()
    {
        var opened = QueuedCase(origin: PublicOnlyOrigin(), email: "dana@example.com");

        var rows = Messages().For(opened, Reference("post-1", isGroup: true), Lines);

        Assert.Equal([CaseEmails.AgentNotificationKey(opened.Id), CaseEmails.CustomerConfirmationKey(opened.Id)], rows.Select(r => r.IdempotencyKey));
        var confirmation = EmailIn(rows[1]);
        Assert.Equal("dana@example.com", confirmation.To);
        Assert.True(CaseOpenedMessages.ContinuesByEmail(opened));
    }

    [Fact]
    public void A_public_case_without_an_email_address_sends_no_confirmation()
    {
        var opened = QueuedCase(origin: PublicOnlyOrigin());

        var rows = Messages().For(opened, Reference("post-1", isGroup: true), Lines);

        Assert.Equal([CaseEmails.AgentNotificationKey(opened.Id)], rows.Select(r => r.IdempotencyKey));
        Assert.False(CaseOpenedMessages.ContinuesByEmail(opened));
    }

    [Fact]
    public void Handoff_initiate_is_sent_only_when_configured()
    {
        var opened = QueuedCase(origin: PrivateOrigin());

        var rows = Messages(sendHandoffInitiate: false).For(opened, Reference("dm-1"), Lines);

        Assert.DoesNotContain(rows, r => r.Kind == OutboxKind.Activity);
    }

    [Fact]
    public void Handoff_initiate_carries_the_case_context_and_the_lines_as_a_transcript()
    {
        var opened = QueuedCase(origin: PrivateOrigin(), email: "dana@example.com");
        var conversation = Reference("dm-1");

        var rows = Messages(sendHandoffInitiate: true).For(opened, conversation, Lines);

        var row = Assert.Single(rows, r => r.Kind == OutboxKind.Activity);
        Assert.Equal("handoff-initiate/" + opened.CreationKey, row.IdempotencyKey);
        var delivery = ActivityJson.Deserialize<ActivityDelivery>(row.PayloadJson)!;
        var activity = delivery.Activity;
        Assert.Equal((ActivityTypes.Event, HandoffEventNames.Initiate), (activity.Type, activity.Name));
        Assert.Equal(OutboxPayloads.ActivityIdFor(row.IdempotencyKey), activity.Id);
        Assert.Equal("dm-1", activity.Conversation?.Id);
        var context = activity.Value!.Value;
        Assert.Equal(opened.Id, context.GetProperty("caseId").GetString());
        Assert.Equal("billing", context.GetProperty("queue").GetString());
        Assert.Equal("dana@example.com", context.GetProperty("captured").GetProperty("email").GetString());
        var attachment = Assert.Single(activity.Attachments!);
        Assert.Equal(HandoffActivities.TranscriptAttachmentName, attachment.Name);
        var transcript = attachment.Content!.Value.Deserialize<Transcript>(ActivityJson.Options)!;
        Assert.Equal(Lines.Select(l => l.Text), transcript.Activities.Select(a => a.Text));
        Assert.Equal(["u-1", "bot-1", "u-1", "bot-1"], transcript.Activities.Select(a => a.From?.Id));
    }

    [Fact]
    public void A_case_that_joins_an_incident_pages_neither_the_agents_nor_the_hub_but_still_confirms_to_the_customer()
    {
        var opened = QueuedCase(origin: PublicOnlyOrigin(), email: "dana@example.com");
        opened.AttachToIncident("I-20261102-0900-abcd", opened.CreatedAt);

        var rows = Messages(sendHandoffInitiate: true).For(opened, Reference("post-1", isGroup: true), Lines);

        Assert.Equal([CaseEmails.CustomerConfirmationKey(opened.Id)], rows.Select(r => r.IdempotencyKey));
    }
}
