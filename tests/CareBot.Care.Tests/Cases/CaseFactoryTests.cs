using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Sentiment;
using Priority = CareBot.Dialogs.Model.Priority;
using CareBot.Dialogs.Runtime;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace CareBot.Care.Tests.Cases;

public sealed class CaseFactoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static CaseFactory Factory()
    {
        var store = new Mock<ICaseStore>();
        store.Setup(s => s.NextNumberAsync(It.IsAny<CancellationToken>())).ReturnsAsync(1042);
        return new CaseFactory(store.Object, Options.Create(new CaseOptions()), new FakeTimeProvider(Now));
    }

    private static HandoffEffect Handoff(Priority priority) =>
        new("billing", priority, "An agent will reply here within the hour.", "handoff node 'agent'", new Dictionary<string, CapturedValue>());

    private static readonly CaseOrigin Private = new(CaseOriginKind.PrivateChat, null, null, new Protocol.Schema.ConversationReference());

    [Fact]
    public async Task A_hand_off_opens_a_queued_case_with_the_drawn_number_and_the_bot_line_in_the_transcript()
    {
        var (opened, events) = await Factory().OpenAsync(
            Handoff(Priority.High), CaseFactory.CreationKey("conversation/x", 4), new CaseCustomer("twitter", "u-1", "Dana"), Private, null, CancellationToken.None);

        Assert.Equal(("C-1042", CaseStatus.Queued, "conversation/x#4"), (opened.Id, opened.Status, opened.CreationKey));
        Assert.Equal(Now.AddHours(1), opened.FirstResponseDue);
        Assert.Equal([CaseEventNames.Created, CaseEventNames.MessageAdded, CaseEventNames.Queued], events.Select(e => e.Name));
        Assert.Equal(CaseAuthor.Bot, Assert.Single(opened.Transcript).Author);
    }

    [Fact]
    public async Task The_turns_triage_is_recorded_and_escalates_the_hand_off_priority_when_it_is_higher()
    {
        var triage = new TriageService(new VaderSentimentAnalyzer(), TriageCueLoader.LoadEmbedded())
            .TriageAsync("THIS IS OUTRAGEOUS, my card was charged twice and I am cancelling NOW!!!", CancellationToken.None);

        var (opened, events) = await Factory().OpenAsync(
            Handoff(Priority.Low), "conversation/y#2", new CaseCustomer("twitter", "u-1", "Dana"), Private, await triage, CancellationToken.None);

        var snapshot = Assert.Single(opened.Triage);
        Assert.True(snapshot.Compound < 0);
        Assert.Contains("complaint", snapshot.Signals);
        Assert.True(opened.Priority > Priority.Low);
        Assert.Contains(events, e => e.Name == CaseEventNames.Escalated);
        Assert.Equal([CaseAuthor.Customer, CaseAuthor.Bot], opened.Transcript.Select(m => m.Author));
    }
}
