using CareBot.Care.Cases;
using CareBot.Dialogs.Runtime;
using CareBot.Protocol.Schema;

namespace CareBot.Care.Delivery;

/// <summary>
/// An outbox row's move to a private conversation: the public post it comes from, the dialog state the private
/// conversation starts in, and what was said in public so far (for the case transcript).
/// </summary>
/// <param name="Public">The public conversation (its serviceUrl, the bot, the customer, the tenant).</param>
/// <param name="PrivateState">The dialog state the 1:1 conversation starts in.</param>
/// <param name="UserName">The customer's display name for the greeting.</param>
/// <param name="Lines">The public conversation's lines so far.</param>
/// <param name="Triage">The triage of the public messages.</param>
public sealed record TakeOfflineDelivery(
    ConversationReference Public,
    DialogState PrivateState,
    string? UserName,
    IReadOnlyList<CaseMessage> Lines,
    IReadOnlyList<TriageSnapshot> Triage);
