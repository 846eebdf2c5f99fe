using CareBot.Care.Bot;
using CareBot.Care.Cases;
using CareBot.Care.Cases.Notifications;
using CareBot.Care.Email;
using CareBot.Care.Stores;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;
using CareBot.Protocol.Schema;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CareBot.Care.Tests.Bot;

/// <summary>Real conversations, cases and planners for the care bot's unit tests, at a fixed time.</summary>
internal static class CareFixtures
{
    private static readonly System.Text.Json.JsonSerializerOptions EmailJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public static ConversationReference Reference(string conversationId, string channelId = "twitter", bool isGroup = false) => new()
    {
        ChannelId = channelId,
        ServiceUrl = "https://channel.example/",
        Conversation = new ConversationAccount(conversationId, isGroup),
        User = new ChannelAccount("u-1", "Dana"),
        Bot = new ChannelAccount("bot-1", "CareBot"),
    };

    public static IReadOnlyDictionary<string, CapturedValue> Captured(string? email = null) =>
        email is null
            ? new Dictionary<string, CapturedValue>()
            : new Dictionary<string, CapturedValue> { ["email"] = new(CaptureType.Email, email) };

    public static HandoffEffect Handoff(string? email = null) =>
        new("billing", Priority.Normal, "An agent will reply here.", "handoff node 'agent'", Captured(email));

    public static CaseFactory Factory(DateTimeOffset? at = null) => new(Options.Create(new CaseOptions()), new FakeTimeProvider(at ?? Now));

    public static CaseOrigin PrivateOrigin(string conversationId = "dm-1") => new(CaseOriginKind.PrivateChat, null, null, Reference(conversationId));

    public static CaseOrigin PublicOnlyOrigin(string conversationId = "post-1") => new(CaseOriginKind.PublicPost, null, Reference(conversationId, isGroup: true), null);

    /// <summary>A queued case as a hand-off opens it.</summary>
    public static Case QueuedCase(long number = 1042, CaseOrigin? origin = null, string? email = null, IReadOnlyList<CaseMessage>? transcript = null) =>
        Factory().Open(number, Handoff(email), "conversation/twitter/dm-1#1", new CaseCustomer("twitter", "u-1", "Dana"), origin ?? PrivateOrigin(), transcript ?? [], []).Case;

    /// <summary>A case claimed by <paramref name="agent"/>.</summary>
    public static Case AssignedCase(string agent = "ana", long number = 1042, CaseOrigin? origin = null, string? email = null)
    {
        var value = QueuedCase(number, origin, email);
        value.Claim(agent, Now.AddMinutes(5));
        return value;
    }

    public static CaseEmails Emails(string? agentEmail = "care-team@example.com") => new(new NotificationOptions { AgentEmail = agentEmail });

    public static DialogState DialogAt(int turn) => new() { ScriptId = "care", Versions = new Dictionary<string, string> { ["care"] = "1" }, Turn = turn };

    public static CaseMessage Line(CaseAuthor author, string text, CaseThread thread = CaseThread.Private) => new(Now, thread, author, null, text);

    /// <summary>The email an outbox row carries (the shape <see cref="EmailOutbox"/> writes).</summary>
    public static EmailMessage EmailIn(NewOutboxMessage row)
    {
        Assert.Equal(OutboxKind.Email, row.Kind);
        return System.Text.Json.JsonSerializer.Deserialize<EmailMessage>(row.PayloadJson, EmailJson)!;
    }
}
