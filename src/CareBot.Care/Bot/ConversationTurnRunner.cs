using CareBot.Care.Cases;
using CareBot.Care.Delivery;
using CareBot.Care.Stores;
using CareBot.Dialogs.Loading;
using CareBot.Dialogs.Runtime;
using CareBot.Protocol.Diagnostics;
using CareBot.Protocol.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Care.Bot;

/// <summary>
/// Runs a dialog turn against a conversation's stored state: load → step → commit, rerunning the (pure) step when another
/// instance changed the conversation or its case first. Everything the turn decided is stored in ONE commit: the state,
/// the case a hand-off opens (with the conversation so far), the open case's new lines and rating, and the outbox
/// messages that carry out the rest (the move to a private conversation, notification emails, the replies of turns that
/// no customer message started). So a redelivered activity or a crash mid-turn never makes a second case, and nothing
/// promised to the customer is lost. Sending the returned replies is the caller's job, after this returns: a reply
/// never goes out for a turn whose state wasn't saved.
/// </summary>
public sealed class ConversationTurnRunner
{
    private readonly IStateStore store;
    private readonly ITurnCommitStore commits;
    private readonly ICaseStore cases;
    private readonly ScriptRegistry scripts;
    private readonly DialogRuntime runtime;
    private readonly TurnEffects effects;
    private readonly ILookupClient lookups;
    private readonly PublicReplyRotation rotation;
    private readonly CareBotOptions options;
    private readonly ILogger<ConversationTurnRunner> logger;

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
        ILogger<ConversationTurnRunner> logger)
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
        this.options = options.Value;
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Runs and saves the turn; null when it was skipped (already processed, or not new).</summary>
    public async Task<ConversationTurnOutcome?> RunAsync(ConversationTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var reference = turn.Reference;
        var key = CareConversationState.KeyOf(reference.ChannelId ?? "unknown", reference.Conversation?.Id ?? "unknown");
        long? caseNumber = null; // drawn at most once per turn, even when a conflict reruns it

        // Taken once per turn, like the case number and the lookups' answers, so a rerun says the same.
        var turnInput = turn.Input.IsPublic && turn.Input.VariantRotation is null
            ? turn.Input with { VariantRotation = rotation.Next(reference.ChannelId ?? "unknown") }
            : turn.Input;
        for (var attempt = 1; ; attempt++)
        {
            // 1. Load the state and the conversation's case, if it has one.
            var stored = await store.ReadAsync([key], cancellationToken).ConfigureAwait(false);
            var record = stored.GetValueOrDefault(key);
            var state = record is null
                ? new CareConversationState { Lines = turn.EarlierLines, Triage = turn.EarlierTriage }
                : CareConversationState.FromJson(record.Json);
            if (state.HasProcessed(turn.ActivityId))
            {
                BotLog.AlreadyProcessed(logger, turn.ActivityId, reference.ChannelId);
                return null;
            }

            if (turn.OnlyIfNew && state.Dialog is not null)
            {
                return null;
            }

            var openCase = state.OpenCaseId is { } caseId ? await cases.GetAsync(caseId, cancellationToken).ConfigureAwait(false) : null;

            // 2. Step the dialog: a pure function, so rerunning it after a conflict is harmless. A turn that hands off
            //    (with no case open yet) is run again with the number of the case it opens, so the customer is told the
            //    real case id.
            TurnResult result;
            TurnEffects.Plan plan;
            using (CareBotTelemetry.Source.StartActivity("dialog step"))
            {
                var dialog = state.Dialog ?? turn.InitialState ?? runtime.Start(options.DialogId);
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

                if (result.Effects.OfType<HandoffEffect>().Any() && openCase?.Case.IsOpen != true)
                {
                    caseNumber ??= await cases.NextNumberAsync(cancellationToken).ConfigureAwait(false);
                    input = input with { CaseId = Case.IdOf(caseNumber.Value) };
                    result = runtime.Step(dialog, input);
                }

                // 3. Work out everything the turn stores, then commit it in one transaction.
                plan = effects.For(new TurnEffects.Context(turn, key, state, result, openCase, caseNumber));
            }

            var next = plan.State with
            {
                Dialog = result.State,
                Reference = reference,
                LinkedConversationId = turn.LinkedConversationId ?? state.LinkedConversationId,
                PublicReference = turn.PublicReference ?? state.PublicReference,
            };
            var commit = new TurnCommit([new StateWrite(key, next.WithProcessed(turn.ActivityId).ToJson(), record?.ETag)], plan.NewCases, plan.Outbox)
            {
                CaseUpdates = plan.CaseUpdates,
            };
            try
            {
                TurnCommitResult committed;
                using (CareBotTelemetry.Source.StartActivity("commit"))
                {
                    committed = await commits.CommitAsync(commit, cancellationToken).ConfigureAwait(false);
                }

                CountCommitted(turn, plan, result);
                foreach (var opened in committed.Cases)
                {
                    BotLog.CaseOpened(logger, opened.CaseId, opened.Created, reference.ChannelId);
                }

                BotLog.DialogTurn(logger, reference.ChannelId, turn.Input.IsPublic, result.State.ActiveNode, plan.Replies.Count, result.Effects.Count);
                return new ConversationTurnOutcome(result, turn.RepliesViaOutbox ? [] : plan.Replies, plan.CaseEvents, plan.Outbox.Count > 0);
            }
            catch (StateConflictException) when (attempt < options.MaxStateConflictRetries)
            {
                BotLog.StateConflict(logger, key, attempt);
            }
            catch (CaseConflictException) when (attempt < options.MaxStateConflictRetries)
            {
                BotLog.CaseConflict(logger, state.OpenCaseId, key, attempt);
            }
        }
    }

    /// <summary>The care facts of a saved turn (counted after the commit, so a rerun after a conflict counts once).</summary>
    private static void CountCommitted(ConversationTurn turn, TurnEffects.Plan plan, TurnResult result)
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
}
