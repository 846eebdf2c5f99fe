using System.Diagnostics;
using CareBot.Care.Cases;
using CareBot.Care.Conversations;
using CareBot.Care.Delivery;
using CareBot.Care.Incidents;
using CareBot.Care.Stores;
using CareBot.Dialogs;
using CareBot.Dialogs.Loading;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;
using CareBot.Protocol.Diagnostics;
using CareBot.Protocol.Middleware;
using CareBot.Protocol.Schema;
using CareBot.Protocol.Turns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Activity = CareBot.Protocol.Schema.Activity;

namespace CareBot.Care.Bot;

/// <summary>
/// A care turn, as one recipe (<see cref="RunRecipeAsync"/>): dedupe → triage → load state and open case → dialog step →
/// plan effects → one commit → send or return the replies. Everything the turn decided is stored in ONE commit: the
/// activity's outcome row (so a redelivery gets the same answer), the state, the case a hand-off opens, the open case's
/// new lines and rating, and the outbox messages that carry out the rest. So a redelivered activity or a crash mid-turn
/// never makes a second case, and nothing promised to the customer is lost. Replies go out only after the commit is
/// durable: a reply never goes out for a turn whose state wasn't saved.
/// </summary>
/// <remarks>
/// Three entry points say where a turn comes from: <see cref="RunMessageAsync"/> (a customer's message),
/// <see cref="RunConversationStartedAsync"/> (a customer joined a private conversation) and
/// <see cref="RunFromOutboxAsync"/> (the take-offline continuation and the dialog events the outbox worker delivers,
/// whose replies go back into the outbox because no HTTP request waits for them).
/// </remarks>
public sealed class ConversationTurnRunner
{
    private readonly IStateStore store;
    private readonly ITurnCommitStore commits;
    private readonly ICaseStore cases;
    private readonly ScriptRegistry scripts;
    private readonly DialogRuntime runtime;
    private readonly TurnEffects effects;
    private readonly ILookupClient lookups;
    private readonly ITurnAnnotator annotator;
    private readonly PublicReplyRotation rotation;
    // Read per turn (not captured at construction): brand and business hours saved at /admin/settings apply at once.
    private readonly IOptions<CareBotOptions> options;
    private readonly TimeProvider time;
    private readonly IncidentService? incidents;
    private readonly IOptions<CaseOptions>? caseOptions;
    private readonly ILogger<ConversationTurnRunner> logger;
    private readonly RecentStates recentStates = new();

    public ConversationTurnRunner(
        IStateStore store,
        ITurnCommitStore commits,
        ICaseStore cases,
        ScriptRegistry scripts,
        DialogRuntime runtime,
        TurnEffects effects,
        ILookupClient lookups,
        PublicReplyRotation rotation,
        IOptions<CareBotOptions> options,
        ILogger<ConversationTurnRunner> logger,
        ITurnAnnotator? annotator = null,
        TimeProvider? time = null,
        IncidentService? incidents = null,
        IOptions<CaseOptions>? caseOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.store = store ?? throw new ArgumentNullException(nameof(store));
        this.commits = commits ?? throw new ArgumentNullException(nameof(commits));
        this.cases = cases ?? throw new ArgumentNullException(nameof(cases));
        this.scripts = scripts ?? throw new ArgumentNullException(nameof(scripts));
        this.runtime = runtime ?? throw new ArgumentNullException(nameof(runtime));
        this.effects = effects ?? throw new ArgumentNullException(nameof(effects));
        this.lookups = lookups ?? throw new ArgumentNullException(nameof(lookups));
        this.rotation = rotation ?? throw new ArgumentNullException(nameof(rotation));
        this.options = options;
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
        this.annotator = annotator ?? NoTriage.Instance;
        this.time = time ?? TimeProvider.System;
        this.incidents = incidents;
        this.caseOptions = caseOptions;
    }

    /// <summary>A customer's message: triaged, then run through the recipe; the replies go to <paramref name="context"/>.</summary>
    public Task<ConversationTurnOutcome?> RunMessageAsync(TurnContext context, string text, CancellationToken cancellationToken) =>
        RunMessageAsync(context, text, attachmentNote: null, cancellationToken);

    /// <summary>
    /// A customer's message with what they sent besides text (<see cref="AttachmentNote"/>): the dialog and the
    /// transcript get the words and the note, triage only the words (a file name says nothing of the customer's mood).
    /// </summary>
    public Task<ConversationTurnOutcome?> RunMessageAsync(TurnContext context, string? text, string? attachmentNote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (words, line) = AttachmentNote.Split(text, attachmentNote);
        if (line is null)
        {
            throw new ArgumentException("A message needs text or an attachment.", nameof(text));
        }

        var activity = context.Activity;
        var input = TurnInput.Message(line, ConversationVisibility.IsPublic(activity), time.GetUtcNow());
        var turn = new ConversationTurn(activity.GetConversationReference(), Personalization.Personalize(input, activity.From?.Name, options.Value))
        {
            ActivityId = activity.Id,
        };
        return RunRecipeAsync(turn, words, context, cancellationToken, attachmentNote);
    }

    /// <summary>
    /// A customer joined a private conversation: the dialog may greet them (event <c>conversation.started</c>), unless
    /// the conversation already has a dialog.
    /// </summary>
    public Task<ConversationTurnOutcome?> RunConversationStartedAsync(TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var activity = context.Activity;
        var input = TurnInput.ForEvent(DialogEvents.ConversationStarted, isPublic: false, time.GetUtcNow());
        var turn = new ConversationTurn(activity.GetConversationReference(), Personalization.Personalize(input, activity.From?.Name, options.Value))
        {
            ActivityId = activity.Id,
            OnlyIfNew = true,
        };
        return RunRecipeAsync(turn, textToTriage: null, context, cancellationToken);
    }

    /// <summary>
    /// A turn the outbox worker runs for a delivered message (the take-offline continuation in the private conversation,
    /// a failed take-offline, a dialog event): at most once per message (its idempotency key is the turn's activity id),
    /// with its replies in the outbox.
    /// </summary>
    public Task<ConversationTurnOutcome?> RunFromOutboxAsync(string idempotencyKey, ConversationTurn turn, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        ArgumentNullException.ThrowIfNull(turn);
        return RunRecipeAsync(turn with { ActivityId = "outbox:" + idempotencyKey, RepliesViaOutbox = true }, textToTriage: null, context: null, cancellationToken);
    }

    /// <summary>Runs and saves a turn that needs no triage and has no one to send replies to (they are returned); null when skipped.</summary>
    public Task<ConversationTurnOutcome?> RunAsync(ConversationTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return RunRecipeAsync(turn, textToTriage: null, context: null, cancellationToken);
    }

    /// <summary>The recipe: one turn, one commit. Null when the turn was skipped (a duplicate, or not new).</summary>
    private async Task<ConversationTurnOutcome?> RunRecipeAsync(
        ConversationTurn turn, string? textToTriage, TurnContext? context, CancellationToken cancellationToken, string? attachmentNote = null)
    {
        var reference = turn.Reference;
        var key = CareConversationState.KeyOf(reference.ChannelId ?? "unknown", reference.Conversation?.Id ?? "unknown");

        // 1. Dedupe. A redelivered activity was answered from its stored outcome before the turn began (the protocol's
        //    ActivityDeduplicator); a concurrent delivery is caught by the commit (step 6): the outcome row's key is
        //    unique, so one delivery's commit stores the turn and the other answers what it stored.
        var participant = context?.CommitParticipant;
        var processedKey = participant?.Key ?? (turn.ActivityId is { } activityId
            ? new ActivityKey(reference.ChannelId ?? "unknown", reference.Conversation?.Id ?? "unknown", activityId)
            : (ActivityKey?)null);

        // 2. Triage the customer's message: once, as the case number and the lookups' answers are taken once, so a rerun
        //    after a conflict says the same. A hand-off promises the reply time the case's SLA will keep (read per turn:
        //    targets saved at /admin/settings apply at once); a script may ask which integrations it can call.
        var turnInput = turn.Input with { FirstResponseTargets = caseOptions?.Value.FirstResponseTargets, Integrations = lookups.Integrations };
        if (textToTriage is not null)
        {
            using (CareBotTelemetry.Source.StartActivity("triage"))
            {
                var started = Stopwatch.GetTimestamp();
                turnInput = turnInput with { Triage = await annotator.AnnotateAsync(textToTriage, cancellationToken).ConfigureAwait(false) };
                CareBotTelemetry.TriageDuration.Record(CareBotTelemetry.MillisecondsSince(started));
            }

            //    A public complaint counts towards incident mode; during an incident it gets the known-issue reply.
            if (turnInput.IsPublic && incidents is not null && turnInput.Triage.Has(SignalNames.Complaint))
            {
                var incident = await incidents.ObservePublicComplaintAsync(reference, SecretRedactor.Redact(textToTriage)!, turnInput.Triage.Sentiment, cancellationToken).ConfigureAwait(false);
                turn = turn with { KnownIssueReply = incident?.KnownIssueReply };
            }
        }

        //    Triage saw the whole message; what is kept of it (captures, the case, the state) has no card number, password
        //    or one-time code.
        turnInput = turnInput with { Text = SecretRedactor.Redact(turnInput.Text) };

        //    A photo or file came too (only the words were triaged): scripts can tell it from a wrong answer.
        turnInput = turnInput with { Triage = AttachmentNote.WithFilesSignal(turnInput.Triage, attachmentNote) };

        if (turnInput.IsPublic && turnInput.VariantRotation is null)
        {
            turnInput = turnInput with { VariantRotation = rotation.Next(reference.ChannelId ?? "unknown") };
        }

        long? caseNumber = null; // drawn at most once per turn, even when a conflict reruns it
        string? incidentId = null; // the open incident a hand-off's case joins (incident mode), looked up with the number
        for (var attempt = 1; ; attempt++)
        {
            // 3. Load the state (with its ETag) and the conversation's open case.
            var stored = await store.ReadAsync([key], cancellationToken).ConfigureAwait(false);
            var record = stored.GetValueOrDefault(key);
            var state = record is null
                ? new CareConversationState { Lines = turn.EarlierLines, Triage = turn.EarlierTriage }
                : recentStates.Read(record);
            if (turn.OnlyIfNew && state.Dialog is not null)
            {
                return null;
            }

            var openCase = state.OpenCaseId is { } caseId ? await cases.GetAsync(caseId, cancellationToken).ConfigureAwait(false) : null;

            // 4. Step the dialog: a pure function, so rerunning it after a conflict is harmless.
            StepResult result;
            TurnEffects.Plan plan;
            using (CareBotTelemetry.Source.StartActivity("dialog step"))
            {
                var dialog = state.Dialog ?? turn.InitialState ?? runtime.Start(options.Value.DialogId);
                await scripts.EnsureAvailableAsync(dialog, cancellationToken).ConfigureAwait(false);
                var input = turnInput.CaseId is null && state.OpenCaseId is { } open ? turnInput with { CaseId = open } : turnInput;
                result = runtime.Step(dialog, input);

                //    A lookup node needs the brand's API: make the call, keep its answer for reruns, and run the turn again.
                while (result.PendingLookup is { } request)
                {
                    var answer = await lookups.LookupAsync(request, cancellationToken).ConfigureAwait(false);
                    turnInput = turnInput.WithLookup(request, answer);
                    input = input.WithLookup(request, answer);
                    result = runtime.Step(dialog, input);
                }

                //    A turn that hands off (with no case open yet) runs again with the number of the case it opens, so the
                //    customer is told the real case id.
                if (result.Effects.OfType<HandoffEffect>().Any() && openCase?.Case.IsOpen != true)
                {
                    caseNumber ??= await cases.NextNumberAsync(cancellationToken).ConfigureAwait(false);
                    incidentId ??= incidents is null ? null : await incidents.IncidentForHandoffAsync(
                        turn.Input.IsPublic ? reference : turn.PublicReference ?? state.PublicReference, cancellationToken).ConfigureAwait(false);
                    input = input with { CaseId = Case.IdOf(caseNumber.Value) };
                    result = runtime.Step(dialog, input);
                }

                // 5. Plan the effects: the new state, cases, case updates, outbox rows and replies.
                //    The effects see the input the dialog saw (triaged, with its lookups): the case keeps its triage.
                plan = effects.For(new TurnEffects.Context(turn with { Input = turnInput }, key, state, result, openCase, caseNumber, incidentId));
            }

            var next = plan.State with
            {
                Dialog = result.State,
                Reference = reference,
                LinkedConversationId = turn.LinkedConversationId ?? state.LinkedConversationId,
                PublicReference = turn.PublicReference ?? state.PublicReference,
            };
            var replies = turn.RepliesViaOutbox ? [] : plan.Replies;
            var replyActivities = context is null ? [] : replies.Select(context.CreateReply).ToArray();
            var outcome = participant?.OutcomeFor(replyActivities) ?? new StoredTurnOutcome(200, null);

            //    A case that joins an incident is listed on it before the commit: a crash between the two leaves the
            //    incident an id it skips (no such case), never a case that resolving the incident would miss.
            if (incidentId is not null && incidents is not null)
            {
                foreach (var opening in plan.NewCases)
                {
                    await incidents.ListCaseAsync(incidentId, opening.Id, cancellationToken).ConfigureAwait(false);
                }
            }

            // 6. One commit: the outcome row, the state (checked against its ETag), cases, case updates and outbox rows.
            var commit = new TurnCommit([new StateWrite(key, next.ToUtf8Json(), record?.ETag)], plan.NewCases, plan.Outbox)
            {
                CaseUpdates = plan.CaseUpdates,
                Processed = processedKey is { } processed ? new ProcessedActivity(processed, outcome) : null,
            };
            try
            {
                TurnCommitResult committed;
                using (CareBotTelemetry.Source.StartActivity("commit"))
                {
                    committed = await commits.CommitAsync(commit, cancellationToken).ConfigureAwait(false);
                }

                participant?.Committed(outcome);
                if (committed.State.FirstOrDefault(written => written.Key == key) is { } written)
                {
                    recentStates.Remember(written, next);
                }

                CountCommitted(turn, plan, result);
                foreach (var opened in committed.Cases)
                {
                    BotLog.CaseOpened(logger, opened.CaseId, opened.Created, reference.ChannelId);
                }

                BotLog.DialogTurn(logger, reference.ChannelId, turn.Input.IsPublic, result.State.ActiveNode, plan.Replies.Count, result.Effects.Count);
            }
            catch (DuplicateActivityException duplicate)
            {
                // Another delivery of this activity committed first: its answer stands, and this one sends nothing.
                participant?.Committed(duplicate.Stored);
                BotLog.AlreadyProcessed(logger, duplicate.Key.ActivityId, reference.ChannelId);
                return null;
            }
            catch (StateConflictException) when (attempt < options.Value.MaxStateConflictRetries)
            {
                BotLog.StateConflict(logger, key, attempt);
                continue;
            }
            catch (CaseConflictException) when (attempt < options.Value.MaxStateConflictRetries)
            {
                BotLog.CaseConflict(logger, state.OpenCaseId, key, attempt);
                continue;
            }

            // 7. Send the replies: through the Connector, or buffered for the expectReplies answer (the same activities
            //    the stored outcome holds). Turns without a context return them (or put them in the outbox).
            if (context is not null && replyActivities.Length > 0)
            {
                await context.SendActivitiesAsync(replyActivities, cancellationToken).ConfigureAwait(false);
            }

            return new ConversationTurnOutcome(result, replies, plan.CaseEvents, plan.Outbox.Count > 0);
        }
    }

    /// <summary>The care facts of a saved turn (counted after the commit, so a rerun after a conflict counts once).</summary>
    private static void CountCommitted(ConversationTurn turn, TurnEffects.Plan plan, StepResult result)
    {
        var channel = new KeyValuePair<string, object?>("channel", turn.Reference.ChannelId ?? "unknown");
        if (turn.Input.IsPublic && turn.Input.Text is not null && plan.Replies.Count > 0)
        {
            CareBotTelemetry.PublicAcknowledgments.Add(1, channel);
        }

        foreach (var _ in result.Effects.OfType<TakeOfflineEffect>())
        {
            CareBotTelemetry.TakeOfflineAttempts.Add(1, channel);
        }

        foreach (var opened in plan.NewCases)
        {
            CareBotTelemetry.Handoffs.Add(1, new("queue", opened.Queue), new("priority", opened.Priority.ToString()));
        }
    }

    /// <summary>Triage for hosts that run turns without an annotator (tests): every message is unremarkable.</summary>
    private sealed class NoTriage : ITurnAnnotator
    {
        public static readonly NoTriage Instance = new();

        public ValueTask<TriageAnnotations> AnnotateAsync(string text, CancellationToken cancellationToken) => ValueTask.FromResult(TriageAnnotations.None);
    }
}
