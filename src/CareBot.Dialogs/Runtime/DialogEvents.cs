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

    /// <summary>
    /// The customer posted again in a public thread already moved to a private chat ("still waiting", "nvm it works
    /// now", "don't fob me off with DMs"). Its handler's reply replaces the offline node's pointer; it may only say,
    /// branch, extract and end, and the thread stays with its private chat.
    /// </summary>
    public const string PublicFollowUp = "public.followup";

    /// <summary>
    /// The customer wrote in private while their case is with people ("what do i do, he's gone pale"). Its handler may
    /// answer what cannot wait for a person (danger: the emergency number again); it may only say, branch, extract and
    /// end, and the conversation stays handed off. A handler that says nothing leaves the message to the team alone.
    /// </summary>
    public const string CaseMessage = "case.message";

    /// <summary>The events the host sends as such (a test step may send them); a public follow-up is a post, a case message a message.</summary>
    public static readonly IReadOnlyList<string> Sent = [ConversationStarted, CaseResolved, CaseHandedBack, OfflineFailed];

    /// <summary>Every event a script may handle.</summary>
    public static readonly IReadOnlyList<string> All = [.. Sent, PublicFollowUp, CaseMessage];

    /// <summary>The events whose handlers answer a message aside, leaving the conversation where it was.</summary>
    public static readonly IReadOnlyList<string> Asides = [PublicFollowUp, CaseMessage];
}
