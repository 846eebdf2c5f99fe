namespace CareBot.Web.Studio;

/// <summary>
/// One customer message of a replayed conversation and what the live version and the draft answered to it. Every text
/// is masked (the replay is shown to admins, who are not the case's agents).
/// </summary>
/// <param name="CustomerText">What the customer wrote, masked.</param>
/// <param name="IsPublic">The thread the customer wrote in.</param>
/// <param name="LiveReplies">The live version's replies, masked, each as <c>(thread) text</c>.</param>
/// <param name="DraftReplies">The draft's replies, masked, in the same form.</param>
/// <param name="LivePath">The nodes the live version passed.</param>
/// <param name="DraftPath">The nodes the draft passed.</param>
/// <param name="LiveEffects">The live version's effects, described.</param>
/// <param name="DraftEffects">The draft's effects, described.</param>
public sealed record ReplayedTurn(
    string CustomerText,
    bool IsPublic,
    IReadOnlyList<string> LiveReplies,
    IReadOnlyList<string> DraftReplies,
    IReadOnlyList<string> LivePath,
    IReadOnlyList<string> DraftPath,
    IReadOnlyList<string> LiveEffects,
    IReadOnlyList<string> DraftEffects)
{
    /// <summary>Whether the bot's replies differ.</summary>
    public bool RepliesChanged => !LiveReplies.SequenceEqual(DraftReplies, StringComparer.Ordinal);

    /// <summary>Whether the node paths differ.</summary>
    public bool PathChanged => !LivePath.SequenceEqual(DraftPath, StringComparer.Ordinal);

    /// <summary>Whether the effects (hand-off, take offline, rating, end) differ.</summary>
    public bool EffectsChanged => !LiveEffects.SequenceEqual(DraftEffects, StringComparer.Ordinal);

    /// <summary>Whether anything the admin would care about differs.</summary>
    public bool Changed => RepliesChanged || PathChanged || EffectsChanged;
}
