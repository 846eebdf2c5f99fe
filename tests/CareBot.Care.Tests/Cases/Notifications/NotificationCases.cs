using CareBot.Care.Cases;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;
using CareBot.Protocol.Schema;

namespace CareBot.Care.Tests.Cases.Notifications;

/// <summary>Cases as the notifications see them: opened from a public post, with captures, triage and a transcript.</summary>
internal static class NotificationCases
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public static Case Open(
        Dictionary<string, CapturedValue>? captured = null,
        string queue = "billing",
        Priority priority = Priority.High,
        string reason = "handoff node 'agent': complaint, churn",
        string? customerName = "Dana")
    {
        var (opened, _) = Case.Open(
            1042,
            "conv-1#3",
            new CaseCustomer("twitter", "u-1", customerName),
            new CaseOrigin(
                CaseOriginKind.PublicPost,
                "https://example.com/post/1",
                new ConversationReference { ChannelId = "twitter", Conversation = new ConversationAccount { Id = "conv-1" } },
                null),
            queue,
            priority,
            reason,
            captured ?? new Dictionary<string, CapturedValue>
            {
                ["email"] = new(CaptureType.Email, "dana@example.com"),
                ["order"] = new(CaptureType.OrderNumber, "AB-123456"),
                ["story"] = new(CaptureType.Text, "The blender arrived broken"),
            },
            new CaseOptions().TargetFor(priority),
            T0);
        return opened;
    }

    /// <summary>A case with two triage snapshots, a public and a private customer line, a bot line and a note.</summary>
    public static Case Full()
    {
        var value = Open();
        value.RecordCustomerMessage(CaseThread.Public, "@contoso worst service ever, cancelling!", T0.AddMinutes(-5));
        value.RecordBotMessage(CaseThread.Public, "Sorry to hear that, we sent you a private message.", T0.AddMinutes(-4));
        value.RecordCustomerMessage(CaseThread.Private, "My order AB-123456 came broken", T0.AddMinutes(-2));
        value.RecordTriage(new TriageSnapshot(T0.AddMinutes(-5), -0.8125, "negative", ["complaint", "churn"], Priority.High), new CaseOptions().TargetFor(Priority.High));
        value.RecordTriage(new TriageSnapshot(T0.AddMinutes(-2), 0.25, "positive", [], Priority.Normal), new CaseOptions().TargetFor(Priority.Normal));
        value.AddNote("alex", "VIP customer, refund without asking", T0.AddMinutes(1));
        return value;
    }
}
