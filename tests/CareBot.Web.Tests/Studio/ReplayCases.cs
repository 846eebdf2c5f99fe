using CareBot.Care.Bot;
using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Sentiment;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;
using CareBot.Web.Studio;
using Microsoft.Extensions.Options;
using Moq;

namespace CareBot.Web.Tests.Studio;

/// <summary>Stored cases whose stories the replay reads, and a replay over the studio folder's <c>hello</c> dialog.</summary>
internal static class ReplayCases
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A case whose private chat holds these customer lines (a bot line between them, as in a real story).</summary>
    public static Case WithCustomerLines(long number, params string[] lines)
    {
        var (value, _) = Case.Open(
            number,
            "key-" + number,
            new CaseCustomer("webchat", "user-" + number, "Sam"),
            new CaseOrigin(CaseOriginKind.PrivateChat, null, null, null),
            "care",
            Priority.Normal,
            "hello/bye",
            new Dictionary<string, CapturedValue>(),
            new SlaTarget { FirstResponse = TimeSpan.FromHours(1), Resolution = TimeSpan.FromHours(8) },
            Opened);
        for (var i = 0; i < lines.Length; i++)
        {
            value.RecordCustomerMessage(CaseThread.Private, lines[i], Opened.AddMinutes(i));
            value.RecordBotMessage(CaseThread.Private, "(a reply)", Opened.AddMinutes(i).AddSeconds(1));
        }

        return value;
    }

    /// <summary>A replay of the folder's live <c>hello</c> dialog over these stored cases.</summary>
    public static ConversationReplay Replay(StudioFolder folder, params Case[] stored) =>
        Replay(folder, new LiveTriageService(new VaderSentimentAnalyzer(), TriageCueLoader.LoadEmbedded()), stored);

    /// <summary>As above, masking with the cues <paramref name="triage"/> has live.</summary>
    public static ConversationReplay Replay(StudioFolder folder, LiveTriageService triage, params Case[] stored)
    {
        var source = new Mock<ICareReportSource>();
        source.Setup(s => s.ListCasesChangedSinceAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((DateTimeOffset _, int limit, CancellationToken _) => [.. stored.Take(limit)]);
        return new ConversationReplay(folder.Registry, source.Object, NoSignalsAnnotator.Instance, triage, Options.Create(new CareBotOptions { DialogId = "hello" }));
    }
}
