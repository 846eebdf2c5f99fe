using CareBot.Care.Cases;
using CareBot.Care.Conversations;
using CareBot.Care.Delivery;
using CareBot.Care.Stores;
using CareBot.Dialogs.Runtime;
using CareBot.Protocol.Schema;
using Microsoft.Extensions.Options;

namespace CareBot.Care.Bot;

/// <summary>
/// Works out what a stepped dialog turn stores besides its dialog state (pure: no I/O, so a rerun after a conflict is
/// harmless): the transcript lines and triage kept in the conversation, the case a hand-off opens and the messages
/// that announce it, the open case's new lines and rating, the move to a private conversation, the SLA holding reply,
/// and, for turns without an HTTP response, the replies as outbox messages.
/// </summary>
public sealed class TurnEffects(
    CaseFactory caseFactory, CaseOpenedMessages caseOpened, IOptions<CareBotOptions> options, IOptions<CaseOptions> caseOptions, SlaClock? slaClock = null)
{
    /// <summary>What the planner looks at.</summary>
    /// <param name="Turn">The turn being run.</param>
    /// <param name="Key">The conversation's state key.</param>
    /// <param name="State">The conversation's state as loaded.</param>
    /// <param name="Result">The dialog's result.</param>
    /// <param name="OpenCase">The conversation's case as loaded (any status), if it has one.</param>
    /// <param name="CaseNumber">The number drawn for a hand-off in this turn, if any.</param>
    /// <param name="IncidentId">The open incident the customer's public post is attached to: a hand-off's case joins it.</param>
    public sealed record Context(ConversationTurn Turn, string Key, CareConversationState State, StepResult Result, CaseRecord? OpenCase, long? CaseNumber, string? IncidentId = null);

    /// <summary>What the turn stores and sends.</summary>
    public sealed record Plan(
        CareConversationState State,
        IReadOnlyList<string> Replies,
        IReadOnlyList<Case> NewCases,
        IReadOnlyList<CaseUpdate> CaseUpdates,
        IReadOnlyList<NewOutboxMessage> Outbox,
        IReadOnlyList<CaseEvent> CaseEvents);

    public Plan For(Context context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var turn = context.Turn;
        var input = turn.Input;
        var now = input.Now;
        var thread = input.IsPublic ? CaseThread.Public : CaseThread.Private;
        var turnKey = CaseFactory.CreationKey(context.Key, context.Result.State.Turn);
        var state = context.State;
        var stored = context.OpenCase?.Case;
        var openCase = stored is { IsOpen: true } ? stored : null;
        var outbox = new List<NewOutboxMessage>();
        var newCases = new List<Case>();
        var events = new List<CaseEvent>();
        var caseChanged = false;

        // What the bot says: the dialog's replies, plus one holding reply when the customer waits past the SLA.
        var replies = context.Result.Replies.ToList();
        if (input.IsPublic && turn.KnownIssueReply is { } known && replies.Count > 0)
        {
            replies[0] = known; // incident mode: the admin's short public reply replaces the first acknowledgment
        }

        if (WaitingReply(context, openCase, state) is { } waiting)
        {
            replies.Add(waiting.Text);
            state = waiting.State;
        }

        // Keep the conversation and its mood for the case; the open case hears it live.
        var snapshot = input.Text is null ? null : TriageSnapshot.From(input.Triage, now);
        var lines = new List<CaseMessage>();
        if (input.Text is { } text)
        {
            lines.Add(new CaseMessage(now, thread, CaseAuthor.Customer, turn.Reference.User?.Name, text));
        }

        lines.AddRange(replies.Select(reply => new CaseMessage(now, thread, CaseAuthor.Bot, null, reply)));
        state = state.WithLines(lines).WithTriage(snapshot);
        if (openCase is not null && lines.Count > 0)
        {
            if (snapshot is not null)
            {
                events.Add(openCase.RecordTriage(snapshot, caseOptions.Value.TargetFor(snapshot.Priority), slaClock));
            }

            foreach (var line in lines)
            {
                events.Add(line.Author == CaseAuthor.Customer
                    ? openCase.RecordCustomerMessage(line.Thread, line.Text, line.At)
                    : openCase.RecordBotMessage(line.Thread, line.Text, line.At));
            }

            caseChanged = true;
        }

        foreach (var effect in context.Result.Effects)
        {
            switch (effect)
            {
                case TakeOfflineEffect takeOffline:
                    outbox.Add(MoveOffline(turn, turnKey, takeOffline, state));
                    break;
                case HandoffEffect handoff when openCase is null && context.CaseNumber is { } number:
                    var (opened, openedEvents) = caseFactory.Open(
                        number, handoff, turnKey, CustomerOf(turn.Reference), OriginOf(turn, state), state.Lines, state.Triage);
                    if (context.IncidentId is { } incidentId)
                    {
                        openedEvents = [.. openedEvents, opened.AttachToIncident(incidentId, now)];
                    }

                    newCases.Add(opened);
                    events.AddRange(openedEvents);
                    outbox.AddRange(caseOpened.For(opened, turn.Reference, state.Lines));
                    state = state with { OpenCaseId = opened.Id, HoldingReplySentFor = null, AddedToCaseReplySentFor = null };
                    break;
                case RecordRatingEffect rating when stored is { Status: CaseStatus.Resolved, Rating: null }:
                    events.Add(stored.RecordRating(rating.Rating, now));
                    caseChanged = true;
                    break;
            }
        }

        if (turn.RepliesViaOutbox)
        {
            var sent = OneOpeningMessage(turn) && replies.Count > 1 ? [string.Join("\n\n", replies)] : replies;
            for (var i = 0; i < sent.Count; i++)
            {
                outbox.Add(OutboxPayloads.Message($"reply/{turnKey}/{i}", turn.Reference, sent[i]));
            }
        }

        var updates = caseChanged ? new[] { new CaseUpdate(stored!, context.OpenCase!.Version) } : [];
        return new Plan(state, replies, newCases, updates, outbox, events);
    }

    /// <summary>
    /// What the bot says when the customer writes while their case waits for a person (the dialog stayed quiet, nobody
    /// has claimed the case), in private only (a public thread gets no promises): before the first-response time, once
    /// per case, that the message reached the case; after it, once per case, the holding reply.
    /// </summary>
    private (string Text, CareConversationState State)? WaitingReply(Context context, Case? openCase, CareConversationState state)
    {
        var input = context.Turn.Input;
        if (openCase is not { Status: CaseStatus.Queued } || input.Text is null || input.IsPublic || context.Result.Handled)
        {
            return null;
        }

        var late = input.Now > openCase.FirstResponseDue;
        var (text, saidFor) = late
            ? (options.Value.HoldingReply, state.HoldingReplySentFor)
            : (options.Value.AddedToCaseReply, state.AddedToCaseReplySentFor);
        if (string.IsNullOrWhiteSpace(text) || saidFor == openCase.Id)
        {
            return null;
        }

        var reply = text.Replace("{user.name}", input.UserName, StringComparison.Ordinal).Replace("{case.id}", openCase.Id, StringComparison.Ordinal);
        return (reply, late ? state with { HoldingReplySentFor = openCase.Id } : state with { AddedToCaseReplySentFor = openCase.Id });
    }

    /// <summary>
    /// The first turn of a private conversation opened from a public post, on a channel where that conversation takes
    /// one message until the customer answers (a second one, such as the first question, would be refused).
    /// </summary>
    private bool OneOpeningMessage(ConversationTurn turn) =>
        turn.PublicReference is not null && turn.Input.Text is null
        && options.Value.ChannelsWithOneOpeningMessage.Contains(turn.Reference.ChannelId ?? string.Empty);

    /// <summary>The outbox row that moves a public post to a private conversation (or to the email route, where the channel has none).</summary>
    private NewOutboxMessage MoveOffline(ConversationTurn turn, string turnKey, TakeOfflineEffect effect, CareConversationState state)
    {
        var channelId = turn.Reference.ChannelId ?? string.Empty;
        if (options.Value.ChannelsWithoutPrivateConversations.Contains(channelId, StringComparer.OrdinalIgnoreCase))
        {
            return OutboxPayloads.DialogEvent("offline-failed/" + turnKey, new DialogEventDelivery(turn.Reference, DialogEvents.OfflineFailed, IsPublic: true));
        }

        return OutboxPayloads.TakeOffline(
            "take-offline/" + turnKey,
            new TakeOfflineDelivery(turn.Reference, effect.PrivateState, turn.Input.UserName, state.Lines, state.Triage));
    }

    private static CaseCustomer CustomerOf(ConversationReference reference) =>
        new(reference.ChannelId ?? "unknown", reference.User?.Id ?? "unknown", reference.User?.Name);

    /// <summary>Where the case came from: a public post (and the private chat it moved to, if any), or a private chat.</summary>
    private static CaseOrigin OriginOf(ConversationTurn turn, CareConversationState state) =>
        turn.Input.IsPublic ? new CaseOrigin(CaseOriginKind.PublicPost, null, turn.Reference, null)
        : (turn.PublicReference ?? state.PublicReference) is { } post ? new CaseOrigin(CaseOriginKind.PublicPost, null, post, turn.Reference)
        : new CaseOrigin(CaseOriginKind.PrivateChat, null, null, turn.Reference);
}
