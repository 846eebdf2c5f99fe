using CareBot.Care.Agents;
using CareBot.Care.Cases;
using CareBot.Care.Cases.Notifications;
using CareBot.Care.Delivery;
using CareBot.Care.Email;
using CareBot.Care.Stores;

namespace CareBot.Web.Console;

/// <summary>
/// E-mails a mentioned colleague who has an address on their account, through the outbox (retried like every email).
/// The key names the case, the note's position and the person, so the same mention is never sent twice even if the
/// enqueue is repeated; a note and its email are not one transaction, so a crash in between loses the email (the live
/// notice and the note itself are not lost).
/// </summary>
public sealed class MentionEmails(CaseEmails emails, IOutboxStore outbox, OutboxSignal signal)
{
    /// <summary>The outbox key of the mention of <paramref name="userName"/> in the case's note number <paramref name="noteNumber"/> (1-based).</summary>
    public static string Key(string caseId, int noteNumber, string userName) =>
        FormattableString.Invariant($"mention/{caseId}/{noteNumber}/{userName}");

    /// <summary>Queues the email when <paramref name="mentioned"/> has an address; does nothing otherwise.</summary>
    public async Task SendAsync(Case value, int noteNumber, string author, AgentAccount mentioned, string note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(mentioned);
        if (mentioned.Email is not { } address)
        {
            return;
        }

        var email = emails.MentionNotice(value, author, address, mentioned.DisplayName, note, Key(value.Id, noteNumber, mentioned.UserName));
        await outbox.EnqueueAsync([EmailOutbox.Message(email)], cancellationToken).ConfigureAwait(false);
        signal.Notify();
    }
}
