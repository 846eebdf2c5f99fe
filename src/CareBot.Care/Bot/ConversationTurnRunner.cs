using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Dialogs.Loading;
using CareBot.Dialogs.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using DialogTurnResult = CareBot.Dialogs.Runtime.TurnResult;

namespace CareBot.Care.Bot;

/// <summary>
/// Runs a dialog turn against a conversation's stored state: load → step → commit, rerunning the (pure) step when another
/// instance changed the conversation first. A hand-off opens its case in the same commit as the state, so a redelivered
/// activity or a crash mid-turn never makes a second case. Sending the replies is the caller's job, after this returns: a
/// reply never goes out for a turn whose state wasn't saved.
/// </summary>
public sealed class ConversationTurnRunner
{
    private readonly IStateStore store;
    private readonly ITurnCommitStore commits;
    private readonly ICaseStore cases;
    private readonly CaseFactory caseFactory;
    private readonly ScriptRegistry scripts;
    private readonly DialogRuntime runtime;
    private readonly CareBotOptions options;
    private readonly ILogger<ConversationTurnRunner> logger;

    public ConversationTurnRunner(
        IStateStore store,
        ITurnCommitStore commits,
        ICaseStore cases,
        CaseFactory caseFactory,
        ScriptRegistry scripts,
        DialogRuntime runtime,
        IOptions<CareBotOptions> options,
        ILogger<ConversationTurnRunner> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.store = store ?? throw new ArgumentNullException(nameof(store));
        this.commits = commits ?? throw new ArgumentNullException(nameof(commits));
        this.cases = cases ?? throw new ArgumentNullException(nameof(cases));
        this.caseFactory = caseFactory ?? throw new ArgumentNullException(nameof(caseFactory));
        this.scripts = scripts ?? throw new ArgumentNullException(nameof(scripts));
        this.runtime = runtime ?? throw new ArgumentNullException(nameof(runtime));
        this.options = options.Value;
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Runs and saves the turn; null when it was skipped (already processed, or not new).</summary>
    public async Task<DialogTurnResult?> RunAsync(ConversationTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var reference = turn.Reference;
        var key = CareConversationState.KeyOf(reference.ChannelId ?? "unknown", reference.Conversation?.Id ?? "unknown");
        long? caseNumber = null; // drawn at most once per turn, even when a conflict reruns it
        for (var attempt = 1; ; attempt++)
        {
            // 1. Load (one round trip).
            var stored = await store.ReadAsync([key], cancellationToken).ConfigureAwait(false);
            var record = stored.GetValueOrDefault(key);
            var state = record is null ? new CareConversationState() : CareConversationState.FromJson(record.Json);
            if (state.HasProcessed(turn.ActivityId))
            {
                BotLog.AlreadyProcessed(logger, turn.ActivityId, reference.ChannelId);
                return null;
            }

            if (turn.OnlyIfNew && state.Dialog is not null)
            {
                return null;
            }

            // 2. Step the dialog: a pure function, so rerunning it after a conflict is harmless. A turn that hands off
            //    is run again with the number of the case it opens, so the customer is told the real case id.
            var dialog = state.Dialog ?? turn.InitialState ?? runtime.Start(options.DialogId);
            await scripts.EnsureAvailableAsync(dialog, cancellationToken).ConfigureAwait(false);
            var input = turn.Input.CaseId is null && state.OpenCaseId is { } open ? turn.Input with { CaseId = open } : turn.Input;
            var result = runtime.Step(dialog, input);
            var handoff = result.Effects.OfType<HandoffEffect>().FirstOrDefault();
            if (handoff is not null && input.CaseId is null)
            {
                caseNumber ??= await cases.NextNumberAsync(cancellationToken).ConfigureAwait(false);
                input = input with { CaseId = Case.IdOf(caseNumber.Value) };
                result = runtime.Step(dialog, input);
                handoff = result.Effects.OfType<HandoffEffect>().First();
            }

            var newCases = handoff is null || caseNumber is null
                ? []
                : new[] { caseFactory.Open(caseNumber.Value, handoff, CaseFactory.CreationKey(key, result.State.Turn), CustomerOf(reference), OriginOf(turn), triage: null).Case };

            // 3. Commit state and any new case together (one round trip); a concurrent writer means our view was stale.
            var next = state.WithProcessed(turn.ActivityId) with
            {
                Dialog = result.State,
                Reference = reference,
                LinkedConversationId = turn.LinkedConversationId ?? state.LinkedConversationId,
                OpenCaseId = newCases.Length > 0 ? newCases[0].Id : state.OpenCaseId,
            };
            try
            {
                var committed = await commits.CommitAsync(new TurnCommit([new StateWrite(key, next.ToJson(), record?.ETag)], newCases, []), cancellationToken).ConfigureAwait(false);
                foreach (var opened in committed.Cases)
                {
                    BotLog.CaseOpened(logger, opened.CaseId, opened.Created, reference.ChannelId);
                }

                BotLog.DialogTurn(logger, reference.ChannelId, turn.Input.IsPublic, result.State.ActiveNode, result.Replies.Count, result.Effects.Count);
                return result;
            }
            catch (StateConflictException) when (attempt < options.MaxStateConflictRetries)
            {
                BotLog.StateConflict(logger, key, attempt);
            }
        }
    }

    private static CaseCustomer CustomerOf(Protocol.Schema.ConversationReference reference) =>
        new(reference.ChannelId ?? "unknown", reference.User?.Id ?? "unknown", reference.User?.Name);

    /// <summary>Where the case came from: a public post, or a private chat (linked to the post it moved from, if any).</summary>
    private static CaseOrigin OriginOf(ConversationTurn turn) => turn.Input.IsPublic
        ? new CaseOrigin(CaseOriginKind.PublicPost, null, turn.Reference, null)
        : new CaseOrigin(CaseOriginKind.PrivateChat, null, null, turn.Reference);
}
