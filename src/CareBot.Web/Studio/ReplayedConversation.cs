namespace CareBot.Web.Studio;

/// <summary>One real conversation (a case's story) replayed through the live version and the draft.</summary>
/// <param name="CaseId">The case the customer's messages come from.</param>
/// <param name="OpenedAt">When the case opened.</param>
/// <param name="Turns">Each customer message with both versions' answers, oldest first.</param>
/// <param name="Problem">Why the replay stopped early (the draft or the live version failed at run time); null when it ran through.</param>
public sealed record ReplayedConversation(string CaseId, DateTimeOffset OpenedAt, IReadOnlyList<ReplayedTurn> Turns, string? Problem = null)
{
    /// <summary>Whether any turn differs, or the replay failed.</summary>
    public bool Changed => Problem is not null || Turns.Any(t => t.Changed);
}
