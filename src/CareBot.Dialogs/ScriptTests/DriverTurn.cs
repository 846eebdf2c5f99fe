using CareBot.Dialogs.Runtime;

namespace CareBot.Dialogs.ScriptTests;

/// <summary>What one driver step produced, across both threads (a take-offline also runs the private greeting).</summary>
public sealed record DriverTurn(IReadOnlyList<BotReply> Replies, IReadOnlyList<DialogEffect> Effects, DialogState State, bool IsPublic)
{
    /// <summary>The nodes the step passed through, as <c>dialog/node</c>, including the private greeting after take-offline.</summary>
    public IReadOnlyList<string> NodePath { get; init; } = [];
}
