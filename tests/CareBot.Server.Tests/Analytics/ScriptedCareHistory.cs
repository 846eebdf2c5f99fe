using CareBot.Care.Bot;
using CareBot.Care.Cases;
using CareBot.Care.Conversations;
using CareBot.Care.Stores;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;
using CareBot.Protocol.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Server.Tests.Analytics;

/// <summary>
/// A scripted day of care (2026-11-10, from 09:00 UTC) written straight into the stores as turns would have left it,
/// with the report's right answers worked out by hand beside each conversation:
/// <list type="bullet">
/// <item>facebook post-1: complaint, acknowledged after 30 s, moved to dm-1 where the customer wrote; dm-1 handed off
///   (case A: high, care/handoff_heated, claimed after 10 min, resolved after 58 min, rated 4, mood −0.8 → +0.2);</item>
/// <item>facebook post-2: refund complaint, acknowledged after 90 s, email captured, dialog ended (contained);</item>
/// <item>facebook post-3: no reply, dialog ended (contained, not answered);</item>
/// <item>webchat chat-1: calm, ended (contained), mood 0.3 → 0.6;</item>
/// <item>webchat chat-2: complaint, left waiting at node ask_order (a drop-off);</item>
/// <item>webchat chat-3: handed off (case B: normal, care/handoff_team, never claimed: SLA missed);</item>
/// <item>webchat chat-4: handed off (case C: normal, care/handoff_team, claimed after 20 min, resolved after 2 h, rated 5);</item>
/// <item>webchat chat-late: on 2026-11-12, outside the range.</item>
/// </list>
/// </summary>
internal static class ScriptedCareHistory
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);

    private static readonly SlaTarget HighSla = new() { FirstResponse = TimeSpan.FromMinutes(15), Resolution = TimeSpan.FromHours(4) };
    private static readonly SlaTarget NormalSla = new() { FirstResponse = TimeSpan.FromHours(1), Resolution = TimeSpan.FromHours(24) };

    public static async Task WriteAsync(IServiceProvider services)
    {
        var states = services.GetRequiredService<IStateStore>();
        var commits = services.GetRequiredService<ITurnCommitStore>();
        var numbers = services.GetRequiredService<ICaseStore>();

        var caseA = Case(await numbers.NextNumberAsync(default), "facebook", "dm-1", Priority.High, "care/handoff_heated; signals: complaint", T0.AddMinutes(2), HighSla,
            claimed: T0.AddMinutes(12), resolved: T0.AddMinutes(60), rating: 4, triage: [-0.8, 0.2]);
        var caseB = Case(await numbers.NextNumberAsync(default), "webchat", "chat-3", Priority.Normal, "care/handoff_team; signals: wantsHuman", T0.AddHours(5), NormalSla,
            claimed: null, resolved: null, rating: null, triage: [-0.4]);
        var caseC = Case(await numbers.NextNumberAsync(default), "webchat", "chat-4", Priority.Normal, "care/handoff_team; signals: wantsHuman", T0.AddHours(6), NormalSla,
            claimed: T0.AddHours(6).AddMinutes(20), resolved: T0.AddHours(8), rating: 5, triage: []);
        await commits.CommitAsync(new TurnCommit([], [caseA, caseB, caseC], []), default);

        var post1Lines = new[] { Line(T0, CaseThread.Public, CaseAuthor.Customer), Line(T0.AddSeconds(30), CaseThread.Public, CaseAuthor.Bot) };
        await states.WriteAsync(
        [
            State("facebook", "post-1", post1Lines, Dialog(DialogStatus.MovedPrivate, null, ("topic", "where_is_my_order")), [-0.8], complaint: true, linked: "dm-1"),
            State("facebook", "dm-1",
                [.. post1Lines, Line(T0.AddSeconds(40), CaseThread.Private, CaseAuthor.Bot), Line(T0.AddSeconds(60), CaseThread.Private, CaseAuthor.Customer)],
                Dialog(DialogStatus.HandedOff, null, ("topic", "where_is_my_order")), [-0.8, -0.6], complaint: true, linked: "post-1", openCase: caseA.Id),
            State("facebook", "post-2",
                [Line(T0.AddHours(1), CaseThread.Public, CaseAuthor.Customer), Line(T0.AddHours(1).AddSeconds(90), CaseThread.Public, CaseAuthor.Bot)],
                Dialog(DialogStatus.Ended, null, ("topic", "refund"), ("email", "pat@example.com")), [-0.5], complaint: true),
            State("facebook", "post-3", [Line(T0.AddHours(2), CaseThread.Public, CaseAuthor.Customer)], Dialog(DialogStatus.Ended, null), []),
            State("webchat", "chat-1",
                [Line(T0.AddHours(3), CaseThread.Private, CaseAuthor.Customer), Line(T0.AddHours(3).AddSeconds(2), CaseThread.Private, CaseAuthor.Bot)],
                Dialog(DialogStatus.Ended, null), [0.3, 0.6]),
            State("webchat", "chat-2",
                [Line(T0.AddHours(4), CaseThread.Private, CaseAuthor.Customer), Line(T0.AddHours(4).AddSeconds(10), CaseThread.Private, CaseAuthor.Bot)],
                Dialog(DialogStatus.Waiting, "ask_order"), [-0.2], complaint: true),
            State("webchat", "chat-3", [Line(T0.AddHours(5), CaseThread.Private, CaseAuthor.Customer)], Dialog(DialogStatus.HandedOff, null), [-0.4], openCase: caseB.Id),
            State("webchat", "chat-4", [Line(T0.AddHours(6), CaseThread.Private, CaseAuthor.Customer)], Dialog(DialogStatus.HandedOff, null), [], openCase: caseC.Id),
            State("webchat", "chat-late", [Line(T0.AddDays(2), CaseThread.Private, CaseAuthor.Customer)], Dialog(DialogStatus.Ended, null), [0.9]),
        ], default);
    }

    private static CaseMessage Line(DateTimeOffset at, CaseThread thread, CaseAuthor author) =>
        new(at, thread, author, null, author == CaseAuthor.Customer ? "a customer line" : "a bot line");

    private static DialogState Dialog(DialogStatus status, string? node, params (string Name, string Value)[] captured) => new()
    {
        ScriptId = "care",
        Versions = new Dictionary<string, string> { ["care"] = "v1" },
        Status = status,
        Stack = [new DialogFrame("care", "v1", node)],
        Captured = captured.ToDictionary(c => c.Name, c => new CapturedValue(c.Name == "email" ? CaptureType.Email : CaptureType.Choice, c.Value)),
    };

    private static StateWrite State(
        string channel, string conversation, CaseMessage[] lines, DialogState dialog, double[] moods, bool complaint = false, string? linked = null, string? openCase = null)
    {
        var state = new CareConversationState
        {
            Dialog = dialog,
            LinkedConversationId = linked,
            OpenCaseId = openCase,
            Lines = lines,
            Triage = [.. moods.Select((mood, i) => new TriageSnapshot(lines[0].At.AddSeconds(i), mood, mood < 0 ? "negative" : "positive", complaint ? ["complaint"] : [], Priority.Normal))],
        };
        return new StateWrite(CareConversationState.KeyOf(channel, conversation), state.ToJson(), "*");
    }

    private static Case Case(
        long number, string channel, string conversation, Priority priority, string reason, DateTimeOffset at, SlaTarget sla,
        DateTimeOffset? claimed, DateTimeOffset? resolved, int? rating, double[] triage)
    {
        var origin = new CaseOrigin(CaseOriginKind.PrivateChat, null, null, new ConversationReference { ChannelId = channel, Conversation = new ConversationAccount(conversation) });
        var (opened, _) = CareBot.Care.Cases.Case.Open(
            number, $"{channel}/{conversation}/{number}", new CaseCustomer(channel, "user-" + conversation, "Customer"), origin,
            "care", priority, reason, new Dictionary<string, CapturedValue>(), sla, at);
        for (var i = 0; i < triage.Length; i++)
        {
            opened.RecordTriage(new TriageSnapshot(at.AddMinutes(i), triage[i], "label", [], priority), sla);
        }

        opened.Enqueue(at);
        if (claimed is { } claimedAt)
        {
            opened.Claim("ana", claimedAt);
        }

        if (resolved is { } resolvedAt)
        {
            opened.Resolve(resolvedAt);
        }

        if (rating is { } stars)
        {
            opened.RecordRating(stars, resolved!.Value);
        }

        return opened;
    }
}
