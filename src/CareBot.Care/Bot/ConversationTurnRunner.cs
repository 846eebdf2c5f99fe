using CareBot.Care.Stores;
using CareBot.Dialogs.Loading;
using CareBot.Dialogs.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using DialogTurnResult = CareBot.Dialogs.Runtime.TurnResult;

namespace CareBot.Care.Bot;

/// <summary>
/// Runs a dialog turn against a conversation's stored state: load → step → save, rerunning the (pure) step when another
/// instance changed the conversation first. Sending the replies is the caller's job, after this returns: a reply never
/// goes out for a turn whose state wasn't saved.
/// </summary>
public sealed class ConversationTurnRunner
{
    private readonly IStateStore store;
    private readonly ScriptRegistry scripts;
    private readonly DialogRuntime runtime;
    private readonly CareBotOptions options;
    private readonly ILogger<ConversationTurnRunner> logger;

    public ConversationTurnRunner(IStateStore store, ScriptRegistry scripts, DialogRuntime runtime, IOptions<CareBotOptions> options, ILogger<ConversationTurnRunner> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.store = store ?? throw new ArgumentNullException(nameof(store));
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

            // 2. Step the dialog: a pure function, so rerunning it after a conflict is harmless.
            var dialog = state.Dialog ?? turn.InitialState ?? runtime.Start(options.DialogId);
            await scripts.EnsureAvailableAsync(dialog, cancellationToken).ConfigureAwait(false);
            var result = runtime.Step(dialog, turn.Input);

            // 3. Save (one round trip); a concurrent writer means our view was stale: reload and rerun.
            var next = state.WithProcessed(turn.ActivityId) with
            {
                Dialog = result.State,
                Reference = reference,
                LinkedConversationId = turn.LinkedConversationId ?? state.LinkedConversationId,
            };
            try
            {
                await store.WriteAsync([new StateWrite(key, next.ToJson(), record?.ETag)], cancellationToken).ConfigureAwait(false);
                BotLog.DialogTurn(logger, reference.ChannelId, turn.Input.IsPublic, result.State.ActiveNode, result.Replies.Count, result.Effects.Count);
                return result;
            }
            catch (StateConflictException) when (attempt < options.MaxStateConflictRetries)
            {
                BotLog.StateConflict(logger, key, attempt);
            }
        }
    }
}
