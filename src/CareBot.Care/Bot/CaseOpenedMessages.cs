using System.Text.Json;
using CareBot.Care.Cases;
using CareBot.Care.Cases.Notifications;
using CareBot.Care.Delivery;
using CareBot.Care.Email;
using CareBot.Care.Stores;
using CareBot.Protocol.Handoff;
using CareBot.Protocol.Schema;
using Microsoft.Extensions.Options;

namespace CareBot.Care.Bot;

/// <summary>
/// The outbox messages that announce a new case, committed with it: the agents' notification email, the customer's
/// confirmation when the case continues by email (no private conversation, but an email address), and, when
/// configured, the channel's <c>handoff.initiate</c> event for agent hubs. A case that joined an incident pages nobody (no
/// agent email, no <c>handoff.initiate</c> to the hub): the incident already alerted the team, and its cases are answered
/// together. The customer's own confirmation is still sent.
/// </summary>
public sealed class CaseOpenedMessages(CaseEmails emails, IOptions<CareBotOptions> options)
{
    public IReadOnlyList<NewOutboxMessage> For(Case opened, ConversationReference conversation, IReadOnlyList<CaseMessage> lines)
    {
        ArgumentNullException.ThrowIfNull(opened);
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(lines);
        var messages = new List<NewOutboxMessage>();
        if (opened.IncidentId is null)
        {
            messages.AddRange(emails.AgentNotifications(opened).Select(EmailOutbox.Message));
        }

        // The customer's confirmation stays for a case in an incident: it pages no one, it is the customer's only word
        // that the case exists and goes on by email (the incident's updates then reach them the same way).
        if (ContinuesByEmail(opened) && emails.CustomerConfirmation(opened) is { } confirmation)
        {
            messages.Add(EmailOutbox.Message(confirmation));
        }

        if (options.Value.SendHandoffInitiate && opened.IncidentId is null)
        {
            var initiation = HandoffActivities.CreateInitiation(ContextOf(opened), TranscriptOf(lines, conversation)).ApplyConversationReference(conversation);
            messages.Add(OutboxPayloads.Activity("handoff-initiate/" + opened.CreationKey, conversation, initiation));
        }

        return messages;
    }

    /// <summary>A case with no private conversation but a captured address is answered by email.</summary>
    public static bool ContinuesByEmail(Case value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Origin.Private is null && value.CapturedEmail is not null;
    }

    /// <summary>What a hub routes by: the case, its queue and priority, why, and what was captured.</summary>
    private static JsonElement ContextOf(Case opened) => JsonSerializer.SerializeToElement(new
    {
        caseId = opened.Id,
        queue = opened.Queue,
        priority = opened.Priority.ToString(),
        reason = opened.Reason,
        captured = opened.Captured.ToDictionary(c => c.Key, c => c.Value.Text, StringComparer.Ordinal),
    });

    /// <summary>The conversation so far as message activities, for the agent's view in the hub.</summary>
    private static Transcript TranscriptOf(IReadOnlyList<CaseMessage> lines, ConversationReference conversation)
    {
        var transcript = new Transcript();
        foreach (var line in lines)
        {
            var fromCustomer = line.Author == CaseAuthor.Customer;
            transcript.Activities.Add(new Activity
            {
                Type = ActivityTypes.Message,
                Text = line.Text,
                Timestamp = line.At,
                From = fromCustomer ? conversation.User : conversation.Bot,
                Recipient = fromCustomer ? conversation.Bot : conversation.User,
            });
        }

        return transcript;
    }
}
