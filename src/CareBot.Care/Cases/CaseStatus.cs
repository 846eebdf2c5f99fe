using System.Text.Json.Serialization;

namespace CareBot.Care.Cases;

/// <summary>
/// Where a case is in its life: new → queued → assigned ⇄ waiting on customer → resolved, or handed back to the bot.
/// The legal moves are the methods of <see cref="Case"/>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaseStatus>))]
public enum CaseStatus
{
    New,
    Queued,
    Assigned,
    WaitingOnCustomer,
    Resolved,
    HandedBack,
}
