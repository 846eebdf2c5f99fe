using CareBot.Care.Cases;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;

namespace CareBot.Web.Tests;

/// <summary>Cases as a hand-off opens them, for component and service tests.</summary>
internal static class TestCases
{
    public static readonly DateTimeOffset Opened = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public static Case Queued(
        long number,
        string customerText = "It arrived broken",
        Priority priority = Priority.Normal,
        string queue = "care",
        string? customerName = "Sam",
        string reason = "care/handoff",
        IReadOnlyDictionary<string, CapturedValue>? captured = null)
    {
        var (value, _) = Case.Open(
            number,
            "key-" + number,
            new CaseCustomer("webchat", "user-" + number, customerName),
            new CaseOrigin(CaseOriginKind.PrivateChat, null, null, null),
            queue,
            priority,
            reason,
            captured ?? new Dictionary<string, CapturedValue>(),
            new SlaTarget { FirstResponse = TimeSpan.FromHours(1), Resolution = TimeSpan.FromHours(8) },
            Opened);
        value.RecordCustomerMessage(CaseThread.Private, customerText, Opened);
        value.Enqueue(Opened);
        return value;
    }
}
