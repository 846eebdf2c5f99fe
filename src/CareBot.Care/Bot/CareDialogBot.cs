using CareBot.Care.Stores;
using CareBot.Dialogs.Loading;
using CareBot.Dialogs.Runtime;
using CareBot.Protocol.Schema;
using CareBot.Protocol.Turns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using DialogTurnResult = CareBot.Dialogs.Runtime.TurnResult;

namespace CareBot.Care.Bot;

/// <summary>
/// The care bot: turns each customer message into a dialog turn. Protocol in, dialog in the middle, replies and
/// effects out; the dialog's state lives in the conversation state, so any server instance can take the next turn.
/// </summary>
public sealed class CareDialogBot : IBot
{
    private readonly IStateStore store;
    private readonly ITurnAnnotator annotator;
    private readonly ScriptRegistry scripts;
    private readonly DialogRuntime runtime;
    private readonly IDialogEffectHandler effects;
    private readonly CareBotOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<CareDialogBot> logger;

    public CareDialogBot(
        IStateStore store,
        ITurnAnnotator annotator,
        ScriptRegistry scripts,
        DialogRuntime runtime,
        IDialogEffectHandler effects,
        IOptions<CareBotOptions> options,
        TimeProvider time,
        ILogger<CareDialogBot> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.store = store ?? throw new ArgumentNullException(nameof(store));
        this.annotator = annotator ?? throw new ArgumentNullException(nameof(annotator));
        this.scripts = scripts ?? throw new ArgumentNullException(nameof(scripts));
        this.runtime = runtime ?? throw new ArgumentNullException(nameof(runtime));
        this.effects = effects ?? throw new ArgumentNullException(nameof(effects));
        this.options = options.Value;
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public Task OnTurnAsync(TurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        switch (activity.Type)
        {
            case ActivityTypes.Message when !string.IsNullOrWhiteSpace(activity.Text):
                return OnMessageAsync(turnContext, activity.Text, cancellationToken);
            case ActivityTypes.ConversationUpdate when CustomerJoinedPrivately(activity):
                var started = TurnInput.ForEvent(DialogEvents.ConversationStarted, isPublic: false, time.GetUtcNow());
                return RunTurnAsync(turnContext, Personalize(started, activity), cancellationToken, onlyIfNew: true);
            default:
                // Unknown or uninteresting types are ignored (spec A2014); so are messages without text (e.g. a bare like).
                BotLog.Ignored(logger, activity.Type);
                return Task.CompletedTask;
        }
    }

    private async Task OnMessageAsync(TurnContext turnContext, string text, CancellationToken cancellationToken)
    {
        // Triage once, outside the retry loop: it depends only on the text.
        var triage = await annotator.AnnotateAsync(text, cancellationToken).ConfigureAwait(false);
        var input = TurnInput.Message(text, ConversationVisibility.IsPublic(turnContext.Activity), time.GetUtcNow(), triage);
        await RunTurnAsync(turnContext, Personalize(input, turnContext.Activity), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The customer's name and the brand, for the dialog's placeholders.</summary>
    private TurnInput Personalize(TurnInput input, Activity activity) => input with
    {
        UserName = activity.From?.Name is { Length: > 0 } name ? name : "there",
        BrandName = options.BrandName,
    };

    /// <summary>
    /// One turn: load the conversation state → run the dialog → save (rerun on a concurrent change) → send the replies →
    /// carry out the effects. Replies go out only after the save succeeded, so a failed save never leaves the customer
    /// with answers the bot doesn't remember giving.
    /// </summary>
    /// <param name="onlyIfNew">Skip the turn when the conversation already has a dialog (a join event arriving late
    /// must not restart a conversation in progress).</param>
    private async Task RunTurnAsync(TurnContext turnContext, TurnInput input, CancellationToken cancellationToken, bool onlyIfNew = false)
    {
        var activity = turnContext.Activity;
        var key = CareConversationState.KeyOf(activity.ChannelId ?? "unknown", activity.Conversation?.Id ?? "unknown");
        DialogTurnResult? result = null;
        for (var attempt = 1; result is null; attempt++)
        {
            // 1. Load (one round trip).
            var stored = await store.ReadAsync([key], cancellationToken).ConfigureAwait(false);
            var record = stored.GetValueOrDefault(key);
            var state = record is null ? new CareConversationState() : CareConversationState.FromJson(record.Json);
            if (state.HasProcessed(activity.Id))
            {
                BotLog.AlreadyProcessed(logger, activity.Id, activity.ChannelId);
                return;
            }

            if (onlyIfNew && state.Dialog is not null)
            {
                return;
            }

            // 2. Run the dialog: a pure function, so rerunning it after a conflict is harmless.
            var dialog = state.Dialog ?? runtime.Start(options.DialogId);
            await scripts.EnsureAvailableAsync(dialog, cancellationToken).ConfigureAwait(false);
            var turn = runtime.Step(dialog, input);

            // 3. Save (one round trip); a concurrent writer means our view was stale: reload and rerun.
            var next = state.WithProcessed(activity.Id) with { Dialog = turn.State, Reference = activity.GetConversationReference() };
            try
            {
                await store.WriteAsync([new StateWrite(key, next.ToJson(), record?.ETag)], cancellationToken).ConfigureAwait(false);
                result = turn;
            }
            catch (StateConflictException) when (attempt < options.MaxStateConflictRetries)
            {
                BotLog.StateConflict(logger, key, attempt);
            }
        }

        BotLog.DialogTurn(logger, activity.ChannelId, input.IsPublic, result.State.ActiveNode, result.Replies.Count, result.Effects.Count);

        // 4. Answer, then 5. carry out what the dialog asked for.
        foreach (var reply in result.Replies)
        {
            await turnContext.SendActivityAsync(reply, cancellationToken).ConfigureAwait(false);
        }

        foreach (var effect in result.Effects)
        {
            await effects.HandleAsync(turnContext, effect, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A customer (not the bot itself) joined a private conversation: the dialog may greet them (event
    /// <c>conversation.started</c>). In public threads the bot
    /// stays quiet until someone posts.
    /// </summary>
    private static bool CustomerJoinedPrivately(Activity activity) =>
        !ConversationVisibility.IsPublic(activity)
        && activity.MembersAdded is { Count: > 0 } added
        && added.Any(member => member.Id is not null && member.Id != activity.Recipient?.Id);
}
