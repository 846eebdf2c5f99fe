using System.Diagnostics;
using CareBot.Care.Agents;
using CareBot.Care.Cases;
using CareBot.Care.Delivery;
using CareBot.Dialogs.Runtime;
using CareBot.Protocol.Diagnostics;
using CareBot.Protocol.Handoff;
using CareBot.Protocol.Schema;
using CareBot.Protocol.Turns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Activity = CareBot.Protocol.Schema.Activity;

namespace CareBot.Care.Bot;

/// <summary>
/// The care bot: turns each customer message into a dialog turn. Protocol in, dialog in the middle, replies out; the
/// dialog's state lives in the conversation state, so any server instance can take the next turn. What the turn asked
/// for beyond its replies (the private message, the case's emails) was committed to the outbox with the state, and the
/// outbox worker is woken to deliver it.
/// </summary>
public sealed class CareDialogBot : IBot
{
    private readonly ConversationTurnRunner runner;
    private readonly ITurnAnnotator annotator;
    private readonly ICaseEventFeed feed;
    private readonly OutboxSignal outbox;
    private readonly HandoffStatusHandler handoffStatus;
    private readonly CareBotOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<CareDialogBot> logger;
    private readonly Incidents.IncidentService? incidents;

    public CareDialogBot(
        ConversationTurnRunner runner,
        ITurnAnnotator annotator,
        ICaseEventFeed feed,
        OutboxSignal outbox,
        HandoffStatusHandler handoffStatus,
        IOptions<CareBotOptions> options,
        TimeProvider time,
        ILogger<CareDialogBot> logger,
        Incidents.IncidentService? incidents = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.runner = runner ?? throw new ArgumentNullException(nameof(runner));
        this.annotator = annotator ?? throw new ArgumentNullException(nameof(annotator));
        this.feed = feed ?? throw new ArgumentNullException(nameof(feed));
        this.outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
        this.handoffStatus = handoffStatus ?? throw new ArgumentNullException(nameof(handoffStatus));
        this.options = options.Value;
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
        this.incidents = incidents;
    }

    public Task OnTurnAsync(TurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        switch (activity.Type)
        {
            case ActivityTypes.Message when !string.IsNullOrWhiteSpace(activity.Text):
                return OnMessageAsync(turnContext, activity.Text, cancellationToken);
            case ActivityTypes.Event when HandoffStatus.TryRead(activity, out var status):
                return OnHandoffStatusAsync(activity, status, cancellationToken);
            case ActivityTypes.ConversationUpdate when CustomerJoinedPrivately(activity):
                var started = TurnInput.ForEvent(DialogEvents.ConversationStarted, isPublic: false, time.GetUtcNow());
                return RunTurnAsync(turnContext, started, onlyIfNew: true, cancellationToken);
            default:
                // Unknown or uninteresting types are ignored (spec A2014); so are messages without text (e.g. a bare like).
                BotLog.Ignored(logger, activity.Type);
                return Task.CompletedTask;
        }
    }

    /// <summary>An agent hub (e.g. Omnichannel) reports on the hand-off the bot asked for: the case follows.</summary>
    private async Task OnHandoffStatusAsync(Activity activity, HandoffStatus status, CancellationToken cancellationToken) =>
        feed.PublishAll(await handoffStatus.ApplyAsync(activity.GetConversationReference(), status, cancellationToken).ConfigureAwait(false));

    private async Task OnMessageAsync(TurnContext turnContext, string text, CancellationToken cancellationToken)
    {
        TriageAnnotations triage;
        using (CareBotTelemetry.Source.StartActivity("triage"))
        {
            var started = Stopwatch.GetTimestamp();
            triage = await annotator.AnnotateAsync(text, cancellationToken).ConfigureAwait(false);
            CareBotTelemetry.TriageDuration.Record(CareBotTelemetry.MillisecondsSince(started));
        }

        var input = TurnInput.Message(text, ConversationVisibility.IsPublic(turnContext.Activity), time.GetUtcNow(), triage);
        var incident = input.IsPublic && triage.Has(SignalNames.Complaint) && incidents is not null
            ? await incidents.ObservePublicComplaintAsync(turnContext.Activity.GetConversationReference(), text, triage.Sentiment, cancellationToken).ConfigureAwait(false)
            : null;
        await RunTurnAsync(turnContext, input, onlyIfNew: false, cancellationToken, incident?.KnownIssueReply).ConfigureAwait(false);
    }

    /// <summary>Triage is done; now: run and save the dialog turn → send the replies → wake the outbox, tell the agents.</summary>
    private async Task RunTurnAsync(TurnContext turnContext, TurnInput input, bool onlyIfNew, CancellationToken cancellationToken, string? knownIssueReply = null)
    {
        var activity = turnContext.Activity;
        var turn = new ConversationTurn(activity.GetConversationReference(), Personalization.Personalize(input, activity.From?.Name, options))
        {
            ActivityId = activity.Id,
            OnlyIfNew = onlyIfNew,
            KnownIssueReply = knownIssueReply,
        };
        if (await runner.RunAsync(turn, cancellationToken).ConfigureAwait(false) is not { } outcome)
        {
            return;
        }

        feed.PublishAll(outcome.CaseEvents);
        foreach (var reply in outcome.Replies)
        {
            await turnContext.SendActivityAsync(reply, cancellationToken).ConfigureAwait(false);
        }

        // After the replies: the public acknowledgment goes out before the worker opens the private chat.
        if (outcome.Enqueued)
        {
            outbox.Notify();
        }
    }

    /// <summary>
    /// A customer (not the bot itself) joined a private conversation: the dialog may greet them (event
    /// <c>conversation.started</c>). In public threads the bot stays quiet until someone posts.
    /// </summary>
    private static bool CustomerJoinedPrivately(Activity activity) =>
        !ConversationVisibility.IsPublic(activity)
        && activity.MembersAdded is { Count: > 0 } added
        && added.Any(member => member.Id is not null && member.Id != activity.Recipient?.Id);
}
