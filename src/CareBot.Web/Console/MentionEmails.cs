using CareBot.Care.Agents;
using CareBot.Care.Cases;
using CareBot.Care.Cases.Notifications;
using CareBot.Care.Delivery;
using CareBot.Care.Email;
using CareBot.Care.Stores;

namespace CareBot.Web.Console;

/// <summary>
/// E-mails a mentioned colleague who has an address on their account, through the outbox (retried like every email).
/// The messages are stored in the note's own transaction (<see cref="ICaseStore.AppendNoteAsync(string, string, string, Func{Case, IReadOnlyList{NewOutboxMessage}}, CancellationToken)"/>),
/// so a crash loses neither or both; the key names the case, the note's position and the person, so the same mention
/// is never sent twice.
/// </summary>
public sealed class MentionEmails(CaseEmails emails, OutboxSignal signal)
{
    /// <summary>The outbox key of the mention of <paramref name="userName"/> in the case's note number <paramref name="noteNumber"/> (1-based).</summary>
    public static string Key(string caseId, int noteNumber, string userName) =>
        FormattableString.Invariant($"mention/{caseId}/{noteNumber}/{userName}");

    /// <summary>
    /// The e-mails about the last note of <paramref name="noted"/> (the case with the note just added) for each of
    /// <paramref name="mentioned"/> that has an address. Builds messages only, so the store may call it in its transaction.
    /// </summary>
    public IReadOnlyList<NewOutboxMessage> For(Case noted, string author, IReadOnlyList<AgentAccount> mentioned, string note)
    {
        ArgumentNullException.ThrowIfNull(noted);
        ArgumentNullException.ThrowIfNull(mentioned);
        return [.. mentioned
            .Where(m => m.Email is not null)
            .Select(m => EmailOutbox.Message(emails.MentionNotice(noted, author, m.Email!, m.DisplayName, note, Key(noted.Id, noted.Notes.Count, m.UserName))))];
    }

    /// <summary>Wakes the outbox worker once a note with e-mails has committed.</summary>
    public void Committed() => signal.Notify();
}
