using CareBot.Dialogs.Model;

namespace CareBot.Dialogs.Runtime.Nodes;

/// <summary>Take offline: in public, one acknowledgment and a request to continue privately; in private, just go on.</summary>
public sealed class TakeOfflineHandler : INodeHandler<TakeOfflineNode>
{
    /// <inheritdoc />
    public NodeOutcome Enter(TakeOfflineNode node, NodeContext context)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(context);
        var start = node.PrivateStart?.Target;
        if (!context.Input.IsPublic)
        {
            return start is null ? new EndOutcome() : new GoToOutcome(start);
        }

        var state = context.State;
        var privateState = new DialogState
        {
            ScriptId = state.ScriptId,
            Versions = state.Versions,
            Status = DialogStatus.Pending,
            Stack = [.. state.Stack.Take(state.Stack.Count - 1), new DialogFrame(context.Script.Id, context.Script.Version, start)],
            Captured = state.Captured,
            PeakPriority = state.PeakPriority,
            PostLanguage = context.Input.Triage.Language == TriageAnnotations.UnknownLanguage ? null : context.Input.Triage.Language,
            PostSignals = [.. context.Input.Triage.Signals],
            PostText = context.Input.Text,
        };
        return new MovedPrivateOutcome
        {
            Replies = context.Pick(node.Say),
            Effects = [new TakeOfflineEffect(start ?? string.Empty, state.Captured, privateState)],
        };
    }
}
