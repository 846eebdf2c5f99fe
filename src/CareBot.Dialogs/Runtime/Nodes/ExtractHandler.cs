using CareBot.Dialogs.Capture;
using CareBot.Dialogs.Model;

namespace CareBot.Dialogs.Runtime.Nodes;

/// <summary>Extract: keep a value found in the current message, silently, and go on either way.</summary>
public sealed class ExtractHandler : INodeHandler<ExtractNode>
{
    /// <inheritdoc />
    public NodeOutcome Enter(ExtractNode node, NodeContext context)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(context);
        var captures = new Dictionary<string, CapturedValue>();
        if (context.Input.Text is { } text && CaptureParser.TryFind(node.Capture, text, out var value))
        {
            var kept = node.Append ? context.State.Captured.GetValueOrDefault(node.Capture.Name)?.Text : null;
            captures[node.Capture.Name] = value with { Text = StoryLines.Add(kept, value.Text) };
        }

        return node.Next is null ? new EndOutcome { Captures = captures } : new GoToOutcome(node.Next.Target) { Captures = captures };
    }
}
