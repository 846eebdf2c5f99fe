using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;
using CareBot.Dialogs.Runtime.Nodes;

namespace CareBot.Dialogs;

/// <summary>
/// Runs dialog scripts. A pure function from (state, input) to (state, replies, effects): no I/O, no clock, no
/// randomness, so the host can rerun a turn after a concurrency conflict and get the same result. It sits above the
/// runtime's model (<see cref="Runtime"/>) and its node handlers (<see cref="Runtime.Nodes"/>), which never call back.
/// </summary>
public sealed class DialogRuntime
{
    /// <summary>How many nodes one turn may pass through before the runtime decides the script loops.</summary>
    public const int MaxStepsPerTurn = 64;

    /// <summary>
    /// How many replies a public thread gets in all: a brand answers a public post briefly and moves on, so replies
    /// beyond this are not sent (the private conversation, hand-offs and other effects still happen).
    /// </summary>
    public const int MaxPublicRepliesPerThread = 2;

    private static readonly IReadOnlyList<string> NoReplies = [];
    private static readonly IReadOnlyList<DialogEffect> NoEffects = [];

    private readonly IScriptResolver scripts;
    private readonly SayHandler say = new();
    private readonly AskHandler ask = new();
    private readonly ExtractHandler extract = new();
    private readonly ListenHandler listen = new();
    private readonly BranchHandler branch = new();
    private readonly TakeOfflineHandler offline = new();
    private readonly HandoffHandler handoff = new();
    private readonly CallHandler call = new();
    private readonly LookupHandler lookup = new();
    private readonly EndHandler end = new();

    /// <summary>Creates a runtime over a set of scripts (usually the <see cref="Loading.ScriptRegistry"/>).</summary>
    public DialogRuntime(IScriptResolver scripts) => this.scripts = scripts ?? throw new ArgumentNullException(nameof(scripts));

    /// <summary>A new conversation's state: pinned to the current script versions, pending at the start node.</summary>
    /// <exception cref="ArgumentException">No dialog with that id is live.</exception>
    public DialogState Start(string scriptId)
    {
        ArgumentNullException.ThrowIfNull(scriptId);
        var versions = new Dictionary<string, string>(scripts.CurrentVersions, StringComparer.Ordinal);
        if (!versions.TryGetValue(scriptId, out var version))
        {
            throw new ArgumentException($"No dialog '{scriptId}' is loaded; loaded: {string.Join(", ", versions.Keys)}.", nameof(scriptId));
        }

        var script = Resolve(scriptId, version);
        return new DialogState
        {
            ScriptId = scriptId,
            Versions = versions,
            Status = DialogStatus.Pending,
            Stack = [new DialogFrame(scriptId, version, script.Start?.Target)],
        };
    }

    /// <summary>
    /// Runs one turn. When the result has a <see cref="StepResult.PendingLookup"/>, the turn is not finished: make the
    /// lookup and call again with the same state and the answer added to the input.
    /// </summary>
    /// <exception cref="DialogRuntimeException">The state names a script version or node that is not available.</exception>
    public StepResult Step(DialogState state, TurnInput input)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(input);
        var result = StepUnlimited(state, input);
        return result.PendingLookup is null ? LimitPublicReplies(input, result) : result;
    }

    /// <summary>Keeps a public thread to <see cref="MaxPublicRepliesPerThread"/> replies, whatever the script says.</summary>
    private static StepResult LimitPublicReplies(TurnInput input, StepResult result)
    {
        if (!input.IsPublic || result.Replies.Count == 0)
        {
            return result;
        }

        var sent = result.State.PublicReplies;
        var kept = result.Replies.Take(Math.Max(0, MaxPublicRepliesPerThread - sent)).ToList();
        return result with { Replies = kept, State = result.State with { PublicReplies = sent + kept.Count } };
    }

    /// <summary>A customer's message raises the conversation's peak priority to its own; events leave it.</summary>
    private static Priority PeakAfter(Priority peak, TurnInput input) =>
        input.Text is not null && input.Triage.Priority > peak ? input.Triage.Priority : peak;

    private StepResult StepUnlimited(DialogState state, TurnInput input)
    {
        var turn = new Turn(state with { Turn = state.Turn + 1, PeakPriority = PeakAfter(state.PeakPriority, input) }, input);

        if (input.Event is { } name)
        {
            var root = Root(state);
            if (!root.On.TryGetValue(name, out var target))
            {
                return new StepResult(state, NoReplies, NoEffects, Handled: false);
            }

            // An event restarts the root dialog at its handler: whatever was asked before no longer applies.
            turn.State = turn.State with
            {
                Status = DialogStatus.Pending,
                Stack = [new DialogFrame(root.Id, root.Version, target.Target)],
                Attempts = 0,
                Heard = 0,
            };
            return Run(turn, EnterTop(turn));
        }

        switch (state.Status)
        {
            case DialogStatus.Pending:
                return Run(turn, EnterTop(turn));

            case DialogStatus.Waiting when input.Text is not null:
                return Run(turn, ReceiveTop(turn));

            case DialogStatus.Ended when input.Text is not null:
                // The customer is back after the dialog ended: start over on today's scripts, keeping what we know.
                turn.State = Start(state.ScriptId) with
                {
                    Captured = state.Captured, Turn = state.Turn + 1, PublicReplies = state.PublicReplies, PeakPriority = PeakAfter(Priority.Low, input),
                    PostLanguage = state.PostLanguage,
                };
                return Run(turn, EnterTop(turn));

            // "thanks, will check my DMs" needs no pointer to the private chat: they are on their way; the pointer is
            // kept for a later post.
            case DialogStatus.MovedPrivate when input.IsPublic && !state.ReminderSent && !IsThanksOrClosing(input.Triage):
                {
                    var root = Root(state);
                    if (root.On.TryGetValue(DialogEvents.PublicFollowUp, out var followUp))
                    {
                        return AnswerFollowUp(turn, root, followUp.Target);
                    }

                    var (script, node) = Top(turn.State);
                    var reminder = node is TakeOfflineNode moved ? new NodeContext(script, turn.State, input).Pick(moved.Reminder) : NoReplies;
                    return new StepResult(turn.State with { ReminderSent = true }, reminder, NoEffects, Handled: true);
                }

            // "what do i do, he's gone pale" while the case waits for a person: the script may answer what cannot wait.
            case DialogStatus.HandedOff when !input.IsPublic && input.Text is not null && Root(state).On.TryGetValue(DialogEvents.CaseMessage, out var aside):
                {
                    // The conversation stays exactly as it was, as when no handler answers (below).
                    var answered = AnswerAside(turn, Root(state), aside.Target);
                    return answered with { State = state, Handled = answered.Replies.Count > 0 };
                }

            default:
                // Handed off (the agent has it), moved private (reminder already sent), or nothing to receive.
                return new StepResult(state, NoReplies, NoEffects, Handled: false);
        }
    }

    /// <summary>
    /// Runs the script's answer to a later public post in a thread moved private, then puts the thread back as it was:
    /// its private chat goes on, and whatever the handler captured or how it ended does not touch it.
    /// </summary>
    private StepResult AnswerFollowUp(Turn turn, DialogScript root, string handler)
    {
        var movedPrivate = turn.State;
        var answered = AnswerAside(turn, root, handler);
        return answered with { State = movedPrivate with { ReminderSent = answered.Replies.Count > 0 } };
    }

    /// <summary>
    /// Runs an aside handler (a public follow-up, a message while the case is with people) from the root dialog; the
    /// caller puts the state back. The validator keeps such handlers to say, branch, extract and end nodes, so there is
    /// nothing else to undo; their end is not the conversation's.
    /// </summary>
    private StepResult AnswerAside(Turn turn, DialogScript root, string handler)
    {
        turn.State = turn.State with { Stack = [new DialogFrame(root.Id, root.Version, handler)], Attempts = 0, Heard = 0 };
        var answered = Run(turn, EnterTop(turn));
        return answered with { Effects = [.. answered.Effects.Where(effect => effect is not EndEffect)] };
    }

    /// <summary>The conversation's root dialog, at the version the conversation is pinned to.</summary>
    private DialogScript Root(DialogState state) => Resolve(state.ScriptId, VersionOf(state, state.ScriptId));

    private static bool IsThanksOrClosing(TriageAnnotations triage) =>
        triage.Has(SignalNames.Thanks) || triage.Has(SignalNames.Closing);

    private StepResult Run(Turn turn, NodeOutcome outcome)
    {
        for (var steps = 0; steps < MaxStepsPerTurn; steps++)
        {
            turn.Apply(outcome);
            switch (outcome)
            {
                case WaitOutcome wait:
                    turn.State = turn.State with { Status = DialogStatus.Waiting, Attempts = wait.Attempts, Heard = wait.Heard };
                    return turn.Result();

                case GoToOutcome go:
                    turn.State = WithTopNode(turn.State, go.Target);
                    outcome = EnterTop(turn);
                    break;

                case CallOutcome called:
                    {
                        var version = VersionOf(turn.State, called.DialogId);
                        var callee = Resolve(called.DialogId, version);
                        var stack = turn.State.Stack.ToList();
                        stack[^1] = stack[^1] with { Node = called.ReturnTo };
                        stack.Add(new DialogFrame(callee.Id, version, callee.Start?.Target));
                        turn.State = turn.State with { Stack = stack, Attempts = 0, Heard = 0 };
                        outcome = EnterTop(turn);
                        break;
                    }

                case EndOutcome:
                    if (turn.State.Stack.Count > 1)
                    {
                        var stack = turn.State.Stack.Take(turn.State.Stack.Count - 1).ToList();
                        turn.State = turn.State with { Stack = stack, Attempts = 0, Heard = 0 };
                        outcome = stack[^1].Node is null ? new EndOutcome() : EnterTop(turn);
                        break;
                    }

                    turn.State = turn.State with { Status = DialogStatus.Ended, Attempts = 0, Heard = 0 };
                    turn.Effects.Add(new EndEffect());
                    return turn.Result();

                case HandedOffOutcome:
                    turn.State = turn.State with { Status = DialogStatus.HandedOff };
                    return turn.Result();

                case MovedPrivateOutcome:
                    turn.State = turn.State with { Status = DialogStatus.MovedPrivate, ReminderSent = false };
                    return turn.Result();

                case LookupNeededOutcome needed:
                    // Not a result to keep: the host makes the call and runs the whole turn again with the answer.
                    return turn.Result() with { PendingLookup = needed.Request };

                default:
                    throw new InvalidOperationException($"Unknown node outcome {outcome.GetType().Name}.");
            }
        }

        var (script, node) = Top(turn.State);
        throw new DialogRuntimeException(
            $"The dialog '{script.Id}' passed {MaxStepsPerTurn} nodes in one turn without waiting (last: '{node.Id}'): the script loops. " +
            "Put an ask, listen, hand-off or end on every cycle.");
    }

    private NodeOutcome EnterTop(Turn turn)
    {
        var (script, node) = Top(turn.State);
        turn.Path.Add($"{script.Id}/{node.Id}");
        var context = new NodeContext(script, turn.State, turn.Input);
        return node switch
        {
            SayNode n => say.Enter(n, context),
            AskNode n => ask.Enter(n, context),
            ExtractNode n => extract.Enter(n, context),
            ListenNode n => listen.Enter(n, context),
            BranchNode n => branch.Enter(n, context),
            TakeOfflineNode n => offline.Enter(n, context),
            HandoffNode n => handoff.Enter(n, context),
            CallNode n => call.Enter(n, context),
            LookupNode n => lookup.Enter(n, context),
            EndNode n => end.Enter(n, context),
            _ => throw new DialogRuntimeException($"The node kind '{node.Kind}' has no handler."),
        };
    }

    private NodeOutcome ReceiveTop(Turn turn)
    {
        var (script, node) = Top(turn.State);
        turn.Path.Add($"{script.Id}/{node.Id}");
        var context = new NodeContext(script, turn.State, turn.Input);
        return node switch
        {
            AskNode n => ask.Receive(n, context),
            ListenNode n => listen.Receive(n, context),
            _ => EnterTop(turn),
        };
    }

    private (DialogScript Script, DialogNode Node) Top(DialogState state)
    {
        var frame = state.Top ?? throw new DialogRuntimeException("The dialog state has an empty call stack.");
        var script = Resolve(frame.ScriptId, frame.Version);
        var node = frame.Node is null ? null : script.FindNode(frame.Node);
        return node is null
            ? throw new DialogRuntimeException($"The dialog '{script.Id}' (version {script.Version}) has no node '{frame.Node}'.")
            : (script, node);
    }

    private static DialogState WithTopNode(DialogState state, string node)
    {
        var stack = state.Stack.ToList();
        stack[^1] = stack[^1] with { Node = node };
        return state with { Stack = stack, Attempts = 0, Heard = 0 };
    }

    private string VersionOf(DialogState state, string scriptId) =>
        state.Versions.GetValueOrDefault(scriptId)
        ?? scripts.CurrentVersions.GetValueOrDefault(scriptId)
        ?? throw new DialogRuntimeException($"No dialog '{scriptId}' is loaded.");

    private DialogScript Resolve(string id, string version) =>
        scripts.Find(id, version)
        ?? throw new DialogRuntimeException($"The dialog '{id}' version {version} is not available: load it from the script archive before running the turn.");

    /// <summary>The mutable scratch of one turn; never escapes <see cref="Step"/>.</summary>
    private sealed class Turn(DialogState state, TurnInput input)
    {
        public DialogState State { get; set; } = state;

        public TurnInput Input { get; } = input;

        public List<string> Replies { get; } = [];

        public List<DialogEffect> Effects { get; } = [];

        public List<string> Path { get; } = [];

        public void Apply(NodeOutcome outcome)
        {
            Replies.AddRange(outcome.Replies.Where(r => !string.IsNullOrWhiteSpace(r)));
            Effects.AddRange(outcome.Effects);
            if (outcome.Captures.Count > 0)
            {
                var captured = new Dictionary<string, CapturedValue>(State.Captured, StringComparer.Ordinal);
                foreach (var (name, value) in outcome.Captures)
                {
                    captured[name] = value;
                }

                State = State with { Captured = captured };
            }

            if (outcome.Declined.Except(State.Declined).Any())
            {
                State = State with { Declined = [.. State.Declined.Union(outcome.Declined)] };
            }
        }

        public StepResult Result() => new(State, Replies, Effects, Handled: true) { NodePath = Path };
    }
}
