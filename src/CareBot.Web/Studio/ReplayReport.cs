using CareBot.Dialogs.Validation;

namespace CareBot.Web.Studio;

/// <summary>The result of replaying recent conversations through the live version and a draft.</summary>
/// <param name="Conversations">The replayed conversations, newest case first.</param>
/// <param name="Errors">The draft's errors when it is not valid (then nothing was replayed).</param>
public sealed record ReplayReport(IReadOnlyList<ReplayedConversation> Conversations, IReadOnlyList<Diagnostic> Errors)
{
    /// <summary>How many conversations would go differently with the draft.</summary>
    public int ChangedCount => Conversations.Count(c => c.Changed);
}
