using CareBot.Care.Bot;
using CareBot.Care.Cases.Notifications;
using CareBot.Care.Conversations;
using CareBot.Care.Email;
using CareBot.Care.Stores;

namespace CareBot.Meta.Delivery;

/// <summary>
/// Outside Meta's 24-hour window the case continues by email when the customer gave an address: the message goes to
/// the outbox as the case's agent-reply email (its key derived from the message's, so a retry mails once).
/// </summary>
internal sealed class MetaEmailRoute(IStateStore states, ICaseStore cases, CaseEmails emails, IOutboxStore outbox)
{
    /// <summary>True when the conversation's open case has an email address and the message was queued to it.</summary>
    public async Task<bool> TrySendAsync(string channelId, string conversationId, string text, string? activityId, CancellationToken cancellationToken)
    {
        var key = CareConversationState.KeyOf(channelId, conversationId);
        if ((await states.ReadAsync([key], cancellationToken).ConfigureAwait(false)).GetValueOrDefault(key) is not { } stored
            || CareConversationState.FromJson(stored.Utf8Json.Span).OpenCaseId is not { } caseId
            || await cases.GetAsync(caseId, cancellationToken).ConfigureAwait(false) is not { Case.CapturedEmail: { } address } record)
        {
            return false;
        }

        var idempotencyKey = $"meta/window-email/{caseId}/{activityId ?? Guid.NewGuid().ToString("N")}";
        var email = emails.AgentReply(record.Case, address, record.Case.Assignee ?? "the care team", text, idempotencyKey);
        await outbox.EnqueueAsync([EmailOutbox.Message(email)], cancellationToken).ConfigureAwait(false);
        return true;
    }
}
