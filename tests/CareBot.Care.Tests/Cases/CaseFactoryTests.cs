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
    public void Out_of_hours_the_sla_counts_from_when_the_team_is_back_and_an_escalation_too()
    {
        // Monday to Friday, 08:00 to 18:00 UTC; handed over on Friday 27 November at 21:00.
        var hours = new BusinessSchedule(
            TimeZoneInfo.Utc,
            new BusinessHours(new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }, new TimeOnly(8, 0), new TimeOnly(18, 0)),
            new Dictionary<DateOnly, string>());
        var friday = new DateTimeOffset(2026, 11, 27, 21, 0, 0, TimeSpan.Zero);
        var factory = new CaseFactory(Options.Create(new CaseOptions()), new FakeTimeProvider(friday), new SlaClock(() => hours));
        var urgent = new TriageSnapshot(friday, -0.8, "negative", ["safety"], Priority.Urgent);

        var (normal, _) = factory.Open(8, Handoff(Priority.Normal), "conversation/z#1", new CaseCustomer("webchat", "u-2", "Ana"), Private, [], []);
        var (escalated, _) = factory.Open(9, Handoff(Priority.Normal), "conversation/z#2", new CaseCustomer("webchat", "u-2", "Ana"), Private, [], [urgent]);

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero), normal.FirstResponseDue);   // Monday 08:00 + 4 h
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero), normal.ResolutionDue);       // 24 open hours
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 8, 15, 0, TimeSpan.Zero), escalated.FirstResponseDue); // urgent: 15 min
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
