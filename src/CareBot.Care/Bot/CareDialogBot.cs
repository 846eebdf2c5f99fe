using CareBot.Care.Agents;
using CareBot.Care.Cases;
using CareBot.Care.Delivery;
using CareBot.Care.Stores;
using CareBot.Protocol.Handoff;
using CareBot.Protocol.Schema;
using CareBot.Protocol.Turns;
using Microsoft.Extensions.Logging;
using Activity = CareBot.Protocol.Schema.Activity;

namespace CareBot.Care.Bot;

/// <summary>
/// The care bot: routes each activity to its turn in <see cref="ConversationTurnRunner"/> (a message, a customer joining
/// a private conversation, a hand-off status from an agent hub). Protocol in, dialog in the middle, replies out; the
/// dialog's state lives in the conversation state, so any server instance can take the next turn. What the turn asked
/// for beyond its replies (the private message, the case's emails) was committed to the outbox with the state, and the
/// outbox worker is woken to deliver it.
/// </summary>
public sealed class CareDialogBot : IBot
{
    private readonly ConversationTurnRunner runner;
    private readonly ICaseEventFeed feed;
    private readonly OutboxSignal outbox;
    private readonly HandoffStatusHandler handoffStatus;
    private readonly ILogger<CareDialogBot> logger;

    public CareDialogBot(
        ConversationTurnRunner runner,
        ICaseEventFeed feed,
        OutboxSignal outbox,
        HandoffStatusHandler handoffStatus,
        ILogger<CareDialogBot> logger)
    {
        this.runner = runner ?? throw new ArgumentNullException(nameof(runner));
        this.feed = feed ?? throw new ArgumentNullException(nameof(feed));
        this.outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
        this.handoffStatus = handoffStatus ?? throw new ArgumentNullException(nameof(handoffStatus));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public Task OnTurnAsync(TurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        var attachmentNote = activity.Type == ActivityTypes.Message ? AttachmentNoteOf(activity) : null;
        switch (activity.Type)
        {
            case ActivityTypes.Message when !string.IsNullOrWhiteSpace(activity.Text) || attachmentNote is not null:
                return AfterTurnAsync(runner.RunMessageAsync(turnContext, activity.Text, attachmentNote, cancellationToken));
            case ActivityTypes.Event when HandoffStatus.TryRead(activity, out var status):
                return OnHandoffStatusAsync(activity, status, cancellationToken);
            case ActivityTypes.ConversationUpdate when CustomerJoinedPrivately(activity):
                return AfterTurnAsync(runner.RunConversationStartedAsync(turnContext, cancellationToken));
            default:
                // Unknown or uninteresting types are ignored (spec A2014); so are messages with neither text nor a file
                // (e.g. a bare like).
                BotLog.Ignored(logger, activity.Type);
                return Task.CompletedTask;
        }
    }

    /// <summary>An agent hub (e.g. Omnichannel) reports on the hand-off the bot asked for: the case follows.</summary>
    private async Task OnHandoffStatusAsync(Activity activity, HandoffStatus status, CancellationToken cancellationToken) =>
        feed.PublishAll(await handoffStatus.ApplyAsync(activity.GetConversationReference(), status, cancellationToken).ConfigureAwait(false));

    /// <summary>The turn is saved and its replies sent (the recipe); now: tell the agents, wake the outbox worker.</summary>
    private async Task AfterTurnAsync(Task<ConversationTurnOutcome?> turn)
    {
        if (await turn.ConfigureAwait(false) is not { } outcome)
        {
            return;
        }

        feed.PublishAll(outcome.CaseEvents);

        // After the replies: the public acknowledgment goes out before the worker opens the private chat.
        if (outcome.Enqueued)
        {
            outbox.Notify();
        }
    }

    /// <summary>A photo, video or file the customer sent, as the transcript's line says it (null for none).</summary>
    private static string? AttachmentNoteOf(Activity activity) =>
        activity.Attachments is { Count: > 0 } attachments
            ? AttachmentNote.Describe(attachments.Select(a => new SentAttachment(a.ContentType, a.Name, a.ContentUrl)))
            : null;

    /// <summary>
    /// A customer (not the bot itself) joined a private conversation: the dialog may greet them (event
    /// <c>conversation.started</c>). In public threads the bot stays quiet until someone posts.
    /// </summary>
    private static bool CustomerJoinedPrivately(Activity activity) =>
        !ConversationVisibility.IsPublic(activity)
        && activity.MembersAdded is { Count: > 0 } added
        && added.Any(member => member.Id is not null && member.Id != activity.Recipient?.Id);
}
