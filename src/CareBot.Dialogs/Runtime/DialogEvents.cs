namespace CareBot.Dialogs.Runtime;

/// <summary>The events the host feeds to a dialog; a script reacts to them in its <c>on:</c> map.</summary>
public static class DialogEvents
{
    /// <summary>A customer opened a private conversation and hasn't written yet (the script may greet them).</summary>
    public const string ConversationStarted = "conversation.started";

    /// <summary>An agent resolved the case (the care dialog asks for a rating).</summary>
    public const string CaseResolved = "case.resolved";

    /// <summary>An agent handed the conversation back to the bot.</summary>
    public const string CaseHandedBack = "case.handed_back";

    /// <summary>The channel refused to open a private conversation (fall back to email).</summary>
    public const string OfflineFailed = "offline.failed";

    /// <summary>Every event a script may handle.</summary>
    public static readonly IReadOnlyList<string> All = [ConversationStarted, CaseResolved, CaseHandedBack, OfflineFailed];
}
