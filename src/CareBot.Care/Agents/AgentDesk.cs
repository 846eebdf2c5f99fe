using CareBot.Care.Bot;
using CareBot.Care.Cases;
using CareBot.Care.Cases.Notifications;
using CareBot.Care.Delivery;
using CareBot.Care.Email;
using CareBot.Care.Stores;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;
using Microsoft.Extensions.Options;

namespace CareBot.Care.Agents;

/// <summary>
/// What an agent does to a claimed case: reply to the customer, resolve it, hand it back to the bot. Each action changes
/// the case and writes what it sends to the customer (the reply, the satisfaction question, the bot's welcome back) to
/// the outbox in ONE transaction, so the case never says "replied" for a message that will not go out. Answers go
/// where the customer is: the private conversation, else the captured email address. A supervisor also reassigns a case
/// and changes its priority here (the caller checks the role; the case records who did it).
/// </summary>
public sealed class AgentDesk(
    ICaseStore cases, CaseEmails emails, OutboxSignal outbox, TimeProvider time, IOptions<CaseOptions> caseOptions, SlaClock? slaClock = null)
{
    private const int MaxAttempts = 3;

    /// <summary>Sends the assignee's reply to the customer and records it in the transcript.</summary>
    public Task<AgentActionResult> ReplyAsync(string caseId, string agent, string text, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return ChangeAsync(caseId, agent, requireAssignee: true, (value, now) =>
        {
            var key = $"agent-reply/{value.Id}/{value.Transcript.Count}";
            NewOutboxMessage message;
            if (value.Origin.Private is { } conversation)
            {
                message = OutboxPayloads.Message(key, conversation, text);
            }
            else if (value.CapturedEmail is { } address)
            {
                message = EmailOutbox.Message(emails.AgentReply(value, address, agent, text, key));
            }
            else
            {
                return Refuse($"Case {value.Id} has no private conversation and no email address to reply through; add a note instead.");
            }

            return ([value.RecordAgentMessage(agent, CaseThread.Private, text, now)], [message]);
        }, cancellationToken);
    }

    /// <summary>Resolves the case; the bot then asks the customer for a rating (by email: a resolution notice).</summary>
    public Task<AgentActionResult> ResolveAsync(string caseId, string agent, CancellationToken cancellationToken) =>
        ChangeAsync(caseId, agent, requireAssignee: true, (value, now) =>
        {
            var resolved = value.Resolve(now);
            var key = "case-resolved/" + value.Id;
            IReadOnlyList<NewOutboxMessage> messages = value.Origin.Private is { } conversation
                ? [OutboxPayloads.DialogEvent(key, new DialogEventDelivery(conversation, DialogEvents.CaseResolved, IsPublic: false))]
                : value.CapturedEmail is { } address ? [EmailOutbox.Message(emails.ResolutionNotice(value, address, key))]
                : [];
            return ([resolved], messages);
        }, cancellationToken);

    /// <summary>Marks the case as waiting for the customer (after asking them something); their next message takes it back to the agent.</summary>
    public Task<AgentActionResult> WaitForCustomerAsync(string caseId, string agent, CancellationToken cancellationToken) =>
        ChangeAsync(caseId, agent, requireAssignee: true, (value, now) => ([value.WaitForCustomer(now)], []), cancellationToken);

    /// <summary>Hands the conversation back to the bot, whose dialog resumes (a queued case may be handed back by any agent).</summary>
    public Task<AgentActionResult> HandBackAsync(string caseId, string agent, CancellationToken cancellationToken) =>
        ChangeAsync(caseId, agent, requireAssignee: false, (value, now) =>
        {
            var handedBack = value.HandBack(now);
            IReadOnlyList<NewOutboxMessage> messages = value.Origin.Private is { } conversation
                ? [OutboxPayloads.DialogEvent("case-handed-back/" + value.Id, new DialogEventDelivery(conversation, DialogEvents.CaseHandedBack, IsPublic: false))]
                : [];
            return ([handedBack], messages);
        }, cancellationToken);

    /// <summary>A supervisor gives the case to <paramref name="agent"/>, whoever has it now (the caller checks the role).</summary>
    public Task<AgentActionResult> ReassignAsync(string caseId, string agent, string supervisor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agent);
        return ChangeAsync(caseId, supervisor, Acting.AsSupervisor, (value, now) => ([value.Reassign(agent, supervisor, now)], []), cancellationToken);
    }

    /// <summary>A supervisor sets the case's priority; its SLA due times follow (the caller checks the role).</summary>
    public Task<AgentActionResult> ChangePriorityAsync(string caseId, Priority priority, string supervisor, CancellationToken cancellationToken) =>
        ChangeAsync(caseId, supervisor, Acting.AsSupervisor,
            (value, now) => ([value.ChangePriority(priority, supervisor, caseOptions.Value.TargetFor(priority), now, slaClock)], []), cancellationToken);

    private static (IReadOnlyList<CaseEvent>, IReadOnlyList<NewOutboxMessage>) Refuse(string problem) =>
        throw new InvalidCaseTransitionException(problem);

    private Task<AgentActionResult> ChangeAsync(
        string caseId,
        string agent,
        bool requireAssignee,
        Func<Case, DateTimeOffset, (IReadOnlyList<CaseEvent> Events, IReadOnlyList<NewOutboxMessage> Outbox)> change,
        CancellationToken cancellationToken) =>
        ChangeAsync(caseId, agent, requireAssignee ? Acting.AsAssignee : Acting.AsAssigneeOrOnQueued, change, cancellationToken);

    /// <summary>Read → check the agent → change → store with the outbox rows; a concurrent change reruns it.</summary>
    private async Task<AgentActionResult> ChangeAsync(
        string caseId,
        string agent,
        Acting acting,
        Func<Case, DateTimeOffset, (IReadOnlyList<CaseEvent> Events, IReadOnlyList<NewOutboxMessage> Outbox)> change,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agent);
        if (!Case.TryParseId(caseId, out _))
        {
            return AgentActionResult.NotFound;
        }

        for (var attempt = 1; ; attempt++)
        {
            if (await cases.GetAsync(caseId, cancellationToken).ConfigureAwait(false) is not { } record)
            {
                return AgentActionResult.NotFound;
            }

            var value = record.Case;
            if (acting != Acting.AsSupervisor && value.Assignee is { } assignee && !string.Equals(assignee, agent, StringComparison.Ordinal)
                && (acting == Acting.AsAssignee || value.Status != CaseStatus.Queued))
            {
                return new AgentActionResult(AgentActionOutcome.Forbidden, record, [], $"Case {value.Id} is assigned to '{assignee}'; only they can do this.");
            }

            (IReadOnlyList<CaseEvent> Events, IReadOnlyList<NewOutboxMessage> Outbox) changed;
            try
            {
                changed = change(value, time.GetUtcNow());
            }
            catch (InvalidCaseTransitionException refused)
            {
                return new AgentActionResult(AgentActionOutcome.Conflict, record, [], refused.Message);
            }

            try
            {
                var version = await cases.UpdateAsync(value, record.Version, changed.Outbox, cancellationToken).ConfigureAwait(false);
                if (changed.Outbox.Count > 0)
                {
                    outbox.Notify();
                }

                return new AgentActionResult(AgentActionOutcome.Done, new CaseRecord(value, version), changed.Events, null);
            }
            catch (CaseConflictException) when (attempt < MaxAttempts)
            {
                // Someone changed the case meanwhile (the customer wrote, another agent acted): read it again.
            }
            catch (CaseConflictException)
            {
                // Still changing after every attempt: a 409 the agent can retry, not a 500.
                return new AgentActionResult(AgentActionOutcome.Conflict, record, [], $"Case {value.Id} kept changing while this was saved ({MaxAttempts} attempts); reload it and try again.");
            }
        }
    }

    /// <summary>Who the acting person must be: the assignee, the assignee or anyone on a queued case, or a supervisor (anyone).</summary>
    private enum Acting
    {
        AsAssignee,
        AsAssigneeOrOnQueued,
        AsSupervisor,
    }
}
