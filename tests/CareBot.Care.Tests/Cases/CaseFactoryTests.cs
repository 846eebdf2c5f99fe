using CareBot.Care.Bot;
using CareBot.Care.Cases;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage;
using CareBot.Care.Triage.Sentiment;
using CareBot.Dialogs.Runtime;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using CareBot.Dialogs.Model;

namespace CareBot.Care.Tests.Cases;

public sealed class CaseFactoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly CaseOrigin Private = new(CaseOriginKind.PrivateChat, null, null, new Protocol.Schema.ConversationReference());

    private static CaseFactory Factory() => new(Options.Create(new CaseOptions()), new FakeTimeProvider(Now));

    private static HandoffEffect Handoff(Priority priority) =>
        new("billing", priority, "An agent will reply here within the hour.", "handoff node 'agent'", new Dictionary<string, CapturedValue>());

    private static CaseMessage Line(CaseAuthor author, string text, CaseThread thread = CaseThread.Private) => new(Now, thread, author, null, text);

    [Fact]
    public void A_hand_off_opens_a_queued_case_with_the_number_and_the_conversation_so_far()
    {
        var lines = new[] { Line(CaseAuthor.Customer, "ORDER NEVER CAME", CaseThread.Public), Line(CaseAuthor.Bot, "Let's talk privately", CaseThread.Public), Line(CaseAuthor.Bot, "An agent will reply here within the hour.") };

        var (opened, events) = Factory().Open(1042, Handoff(Priority.High), CaseFactory.CreationKey("conversation/x", 4), new CaseCustomer("twitter", "u-1", "Dana"), Private, lines, []);

        Assert.Equal(("C-1042", CaseStatus.Queued, "conversation/x#4"), (opened.Id, opened.Status, opened.CreationKey));
        Assert.Equal(Now.AddHours(1), opened.FirstResponseDue);
        Assert.Equal([CaseEventNames.Created, CaseEventNames.MessageAdded, CaseEventNames.Queued], events.Select(e => e.Name));
        Assert.Equal(lines, opened.Transcript);
    }

    [Fact]
    public async Task The_conversations_triage_is_recorded_and_escalates_the_hand_off_priority_when_it_is_higher()
    {
        var triage = await new TriageService(new VaderSentimentAnalyzer(), TriageCueLoader.LoadEmbedded())
            .TriageAsync("THIS IS OUTRAGEOUS, my card was charged twice and I am cancelling NOW!!!", CancellationToken.None);
        var calm = new TriageSnapshot(Now, 0.2, "positive", [], Priority.Low);

        var (opened, events) = Factory().Open(7, Handoff(Priority.Low), "conversation/y#2", new CaseCustomer("twitter", "u-1", "Dana"), Private, [], [calm, TriageSnapshot.From(TriageAnnotator.ToAnnotations(triage), Now)]);

        Assert.Equal(2, opened.Triage.Count);
        Assert.True(opened.Triage[1].Compound < 0);
        Assert.Contains("complaint", opened.Triage[1].Signals);
        Assert.True(opened.Priority > Priority.Low);
        Assert.Contains(events, e => e.Name == CaseEventNames.Escalated);
        Assert.Empty(opened.Transcript);
    }
}
