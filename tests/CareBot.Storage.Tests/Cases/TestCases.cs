using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;
using CareBot.Protocol.Schema;

namespace CareBot.Storage.Tests.Cases;

/// <summary>Builds cases for the store tests, with numbers drawn from the store like the bot does.</summary>
internal static class TestCases
{
    public static async Task<Case> NewAsync(ICaseStore store, DateTimeOffset at, Priority priority = Priority.Normal, string queue = "billing", string? creationKey = null)
    {
        var number = await store.NextNumberAsync(CancellationToken.None);
        var (opened, _) = Case.Open(
            number,
            creationKey ?? "conversation/" + Guid.NewGuid().ToString("N") + "#1",
            new CaseCustomer("twitter", "u-1", "Dana"),
            new CaseOrigin(CaseOriginKind.PrivateChat, null, null, new ConversationReference { ChannelId = "twitter", Conversation = new ConversationAccount { Id = "dm-1" } }),
            queue,
            priority,
            "handoff node 'agent'",
            new Dictionary<string, CapturedValue> { ["order"] = new(CaptureType.OrderNumber, "A-123") },
            new CaseOptions().TargetFor(priority),
            at);
        opened.Enqueue(at);
        return opened;
    }

    public static TurnCommit Turn(IReadOnlyList<Case> cases, IReadOnlyList<NewOutboxMessage>? outbox = null, params StateWrite[] state) =>
        new(state, cases, outbox ?? []);
}
