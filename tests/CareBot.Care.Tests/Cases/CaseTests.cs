using CareBot.Care.Cases;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;

namespace CareBot.Care.Tests.Cases;

public sealed class CaseTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly CaseOptions Options = new();

    public static TheoryData<CaseStatus, string, CaseStatus?> Transitions()
    {
        // (from, move, to or null when the move must throw), for every status and every status-changing move.
        var data = new TheoryData<CaseStatus, string, CaseStatus?>();
        var legal = new Dictionary<(CaseStatus, string), CaseStatus>
        {
            [(CaseStatus.New, "Enqueue")] = CaseStatus.Queued,
            [(CaseStatus.Queued, "Claim")] = CaseStatus.Assigned,
            [(CaseStatus.Queued, "HandBack")] = CaseStatus.HandedBack,
            [(CaseStatus.Assigned, "WaitForCustomer")] = CaseStatus.WaitingOnCustomer,
            [(CaseStatus.Assigned, "Resolve")] = CaseStatus.Resolved,
            [(CaseStatus.Assigned, "HandBack")] = CaseStatus.HandedBack,
            [(CaseStatus.Assigned, "CustomerMessage")] = CaseStatus.Assigned,
            [(CaseStatus.WaitingOnCustomer, "Resolve")] = CaseStatus.Resolved,
            [(CaseStatus.WaitingOnCustomer, "HandBack")] = CaseStatus.HandedBack,
            [(CaseStatus.WaitingOnCustomer, "CustomerMessage")] = CaseStatus.Assigned,
            [(CaseStatus.New, "CustomerMessage")] = CaseStatus.New,
            [(CaseStatus.Queued, "CustomerMessage")] = CaseStatus.Queued,
            [(CaseStatus.Resolved, "Rate")] = CaseStatus.Resolved,
            [(CaseStatus.Queued, "Reassign")] = CaseStatus.Assigned,
            [(CaseStatus.Assigned, "Reassign")] = CaseStatus.Assigned,
            [(CaseStatus.WaitingOnCustomer, "Reassign")] = CaseStatus.WaitingOnCustomer,
            [(CaseStatus.New, "ChangePriority")] = CaseStatus.New,
            [(CaseStatus.Queued, "ChangePriority")] = CaseStatus.Queued,
            [(CaseStatus.Assigned, "ChangePriority")] = CaseStatus.Assigned,
            [(CaseStatus.WaitingOnCustomer, "ChangePriority")] = CaseStatus.WaitingOnCustomer,
            [(CaseStatus.New, "AttachToIncident")] = CaseStatus.New,
            [(CaseStatus.Queued, "AttachToIncident")] = CaseStatus.Queued,
            [(CaseStatus.Queued, "ResolveWithIncident")] = CaseStatus.Resolved,
            [(CaseStatus.Assigned, "ResolveWithIncident")] = CaseStatus.Resolved,
            [(CaseStatus.WaitingOnCustomer, "ResolveWithIncident")] = CaseStatus.Resolved,
        };
        foreach (var from in Enum.GetValues<CaseStatus>())
        {
            foreach (var move in Moves)
            {
                data.Add(from, move, legal.TryGetValue((from, move), out var to) ? to : null);
            }
        }

        return data;
    }

    private static readonly string[] Moves = ["Enqueue", "Claim", "WaitForCustomer", "CustomerMessage", "Resolve", "HandBack", "Rate", "Reassign", "ChangePriority", "AttachToIncident", "ResolveWithIncident"];

    [Theory]
    [MemberData(nameof(Transitions))]
    public void Every_move_from_every_status_is_either_legal_or_throws(CaseStatus from, string move, CaseStatus? to)
    {
        var subject = InStatus(from);

        var act = () => Apply(subject, move);

        if (to is { } expected)
        {
            var raised = act();
            Assert.Equal(expected, subject.Status);
            Assert.StartsWith("case.", raised.Name, StringComparison.Ordinal);
            Assert.Equal(subject.Id, raised.CaseId);
        }
        else
        {
            var error = Assert.Throws<InvalidCaseTransitionException>(() => act());
            Assert.Equal(from, error.Status);
            Assert.Equal(from, subject.Status);
            Assert.Contains(subject.Id, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Open_makes_a_new_case_with_sla_due_times_from_its_priority_and_raises_case_created()
    {
        var (opened, created) = Open(Priority.Urgent);

        Assert.Equal("C-1042", opened.Id);
        Assert.Equal(CaseStatus.New, opened.Status);
        Assert.Equal(T0.AddMinutes(15), opened.FirstResponseDue);
        Assert.Equal(T0.AddHours(4), opened.ResolutionDue);
        Assert.Equal(new CaseEvent(CaseEventNames.Created, "C-1042", T0, "billing"), created);
    }

    [Fact]
    public void Configured_sla_targets_replace_the_defaults_for_their_priority()
    {
        var options = new CaseOptions();
        options.Sla[Priority.Low] = new SlaTarget { FirstResponse = TimeSpan.FromMinutes(90), Resolution = TimeSpan.FromDays(5) };

        Assert.Equal(TimeSpan.FromMinutes(90), options.TargetFor(Priority.Low).FirstResponse);
        Assert.Equal(TimeSpan.FromHours(1), options.TargetFor(Priority.High).FirstResponse);
    }

    [Fact]
    public void Claim_sets_the_assignee_and_the_first_response_time()
    {
        var subject = InStatus(CaseStatus.Queued);

        var raised = subject.Claim("ana", T0.AddMinutes(7));

        Assert.Equal("ana", subject.Assignee);
        Assert.Equal(T0.AddMinutes(7), subject.FirstRespondedAt);
        Assert.Equal(CaseEventNames.Assigned, raised.Name);
    }

    [Fact]
    public void Reassign_gives_the_case_to_another_agent_and_a_note_says_who_moved_it_from_whom()
    {
        var subject = InStatus(CaseStatus.Assigned);

        var raised = subject.Reassign("ben", "sue", T0.AddMinutes(9));

        Assert.Equal("ben", subject.Assignee);
        Assert.Equal(new CaseEvent(CaseEventNames.Reassigned, subject.Id, T0.AddMinutes(9), "ben"), raised);
        var note = Assert.Single(subject.Notes);
        Assert.Equal(("sue", "sue reassigned the case from ana to ben."), (note.Author, note.Text));
        Assert.Throws<InvalidCaseTransitionException>(() => subject.Reassign("ben", "sue", T0));
    }

    [Fact]
    public void Reassigning_a_queued_case_assigns_it_and_counts_as_the_first_response()
    {
        var subject = InStatus(CaseStatus.Queued);

        subject.Reassign("ben", "sue", T0.AddMinutes(3));

        Assert.Equal((CaseStatus.Assigned, "ben", T0.AddMinutes(3)), (subject.Status, subject.Assignee, subject.FirstRespondedAt));
        Assert.Contains("from the queue to ben", Assert.Single(subject.Notes).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_the_priority_moves_the_sla_due_times_either_way_and_refuses_the_same_priority()
    {
        var subject = InStatus(CaseStatus.Queued);

        var up = subject.ChangePriority(Priority.Urgent, "sue", Options.TargetFor(Priority.Urgent), T0.AddMinutes(1));
        Assert.Equal((Priority.Urgent, T0.AddMinutes(15), T0.AddHours(4)), (subject.Priority, subject.FirstResponseDue, subject.ResolutionDue));
        Assert.Equal(new CaseEvent(CaseEventNames.PriorityChanged, subject.Id, T0.AddMinutes(1), "Urgent"), up);
        subject.ChangePriority(Priority.Low, "sue", Options.TargetFor(Priority.Low), T0.AddMinutes(2));
        Assert.Equal((Priority.Low, T0.AddHours(24)), (subject.Priority, subject.FirstResponseDue));

        Assert.Throws<InvalidCaseTransitionException>(() => subject.ChangePriority(Priority.Low, "sue", Options.TargetFor(Priority.Low), T0));
        Assert.Equal(["sue changed the priority from Normal to Urgent.", "sue changed the priority from Urgent to Low."], subject.Notes.Select(n => n.Text));
    }

    [Fact]
    public void Customer_reply_to_a_waiting_case_returns_it_to_the_agent_and_lands_in_the_transcript()
    {
        var subject = InStatus(CaseStatus.WaitingOnCustomer);

        var raised = subject.RecordCustomerMessage(CaseThread.Private, "here is my order number", T0.AddHours(1));

        Assert.Equal(CaseEventNames.CustomerReplied, raised.Name);
        var line = Assert.Single(subject.Transcript);
        Assert.Equal((CaseThread.Private, CaseAuthor.Customer, "here is my order number"), (line.Thread, line.Author, line.Text));
    }

    [Fact]
    public void Only_the_assignee_may_reply_as_agent()
    {
        var subject = InStatus(CaseStatus.Assigned);

        Assert.Throws<InvalidCaseTransitionException>(() => subject.RecordAgentMessage("bob", CaseThread.Private, "hi", T0));
        subject.RecordAgentMessage("ana", CaseThread.Private, "hi", T0);

        Assert.Equal(CaseAuthor.Agent, Assert.Single(subject.Transcript).Author);
    }

    [Fact]
    public void A_rating_is_recorded_once_and_must_be_between_1_and_5()
    {
        var subject = InStatus(CaseStatus.Resolved);

        Assert.Throws<ArgumentOutOfRangeException>(() => subject.RecordRating(6, T0));
        subject.RecordRating(4, T0);

        Assert.Equal(4, subject.Rating);
        Assert.Throws<InvalidCaseTransitionException>(() => subject.RecordRating(5, T0));
    }

    [Theory]
    [InlineData(CaseStatus.New)]
    [InlineData(CaseStatus.Resolved)]
    [InlineData(CaseStatus.HandedBack)]
    public void Notes_are_allowed_in_every_status(CaseStatus status)
    {
        var subject = InStatus(status);

        var raised = subject.AddNote("ana", "called the customer", T0);

        Assert.Equal(CaseEventNames.NoteAdded, raised.Name);
        Assert.Equal("called the customer", Assert.Single(subject.Notes).Text);
    }

    [Fact]
    public void A_higher_priority_triage_escalates_and_pulls_the_sla_in_but_a_lower_one_never_lowers_it()
    {
        var (subject, _) = Open(Priority.Normal);
        var normalDue = subject.FirstResponseDue;

        var calmer = subject.RecordTriage(Snapshot(Priority.Low), Options.TargetFor(Priority.Low));
        var angrier = subject.RecordTriage(Snapshot(Priority.Urgent), Options.TargetFor(Priority.Urgent));

        Assert.Equal(CaseEventNames.Triaged, calmer.Name);
        Assert.Equal(CaseEventNames.Escalated, angrier.Name);
        Assert.Equal(Priority.Urgent, subject.Priority);
        Assert.Equal(T0.AddMinutes(15), subject.FirstResponseDue);
        Assert.True(subject.FirstResponseDue < normalDue);
        Assert.Equal(2, subject.Triage.Count);
    }

    [Fact]
    public void A_queued_case_resolved_with_its_incident_needs_no_claim_and_notes_the_incident_and_who_resolved_it()
    {
        var subject = InStatus(CaseStatus.New);
        var attached = subject.AttachToIncident("I-20261102-0900-ab12", T0);
        subject.Enqueue(T0);

        var resolved = subject.ResolveWithIncident("I-20261102-0900-ab12", "sue", T0.AddHours(1));

        Assert.Equal((CaseEventNames.IncidentAttached, "I-20261102-0900-ab12"), (attached.Name, attached.Detail));
        Assert.Equal((CaseEventNames.Resolved, CaseStatus.Resolved, T0.AddHours(1)), (resolved.Name, subject.Status, subject.ResolvedAt));
        Assert.Equal("I-20261102-0900-ab12", CaseJson.Deserialize(CaseJson.Serialize(subject)).IncidentId);
        Assert.Equal("Resolved with incident I-20261102-0900-ab12 by sue.", subject.Notes[^1].Text);
        Assert.Null(subject.Assignee);
    }

    [Fact]
    public void A_case_survives_a_json_round_trip()
    {
        var subject = InStatus(CaseStatus.Resolved);
        subject.AddNote("ana", "refund sent", T0);
        subject.RecordRating(5, T0);

        var copy = CaseJson.Deserialize(CaseJson.Serialize(subject));

        Assert.Equal(CaseJson.Serialize(subject), CaseJson.Serialize(copy));
        Assert.Equal((subject.Id, CaseStatus.Resolved, "ana", 5), (copy.Id, copy.Status, copy.Assignee, copy.Rating));
        Assert.Equal("ana@example.com", copy.Captured["email"].Text);
        Assert.Equal("conv-1", copy.Origin.Public!.Conversation!.Id);
    }

    internal static (Case Case, CaseEvent Created) Open(Priority priority, long number = 1042, string creationKey = "conv-1#3") =>
        Case.Open(
            number,
            creationKey,
            new CaseCustomer("twitter", "u-1", "Dana"),
            new CaseOrigin(
                CaseOriginKind.PublicPost,
                "https://example.com/post/1",
                new Protocol.Schema.ConversationReference { ChannelId = "twitter", Conversation = new Protocol.Schema.ConversationAccount { Id = "conv-1" } },
                null),
            "billing",
            priority,
            "handoff node 'agent': complaint",
            new Dictionary<string, CapturedValue> { ["email"] = new(CaptureType.Email, "ana@example.com") },
            Options.TargetFor(priority),
            T0);

    private static TriageSnapshot Snapshot(Priority priority) => new(T0.AddMinutes(1), -0.6, "negative", ["complaint"], priority);

    private static Case InStatus(CaseStatus status)
    {
        var (subject, _) = Open(Priority.Normal);
        switch (status)
        {
            case CaseStatus.New:
                break;
            case CaseStatus.Queued:
                subject.Enqueue(T0);
                break;
            case CaseStatus.Assigned:
                subject.Enqueue(T0);
                subject.Claim("ana", T0);
                break;
            case CaseStatus.WaitingOnCustomer:
                subject.Enqueue(T0);
                subject.Claim("ana", T0);
                subject.WaitForCustomer(T0);
                break;
            case CaseStatus.Resolved:
                subject.Enqueue(T0);
                subject.Claim("ana", T0);
                subject.Resolve(T0);
                break;
            case CaseStatus.HandedBack:
                subject.Enqueue(T0);
                subject.HandBack(T0);
                break;
        }

        return subject;
    }

    private static CaseEvent Apply(Case subject, string move) => move switch
    {
        "Enqueue" => subject.Enqueue(T0),
        "Claim" => subject.Claim("ana", T0),
        "WaitForCustomer" => subject.WaitForCustomer(T0),
        "CustomerMessage" => subject.RecordCustomerMessage(CaseThread.Public, "hello?", T0),
        "Resolve" => subject.Resolve(T0),
        "HandBack" => subject.HandBack(T0),
        "Rate" => subject.RecordRating(3, T0),
        "Reassign" => subject.Reassign("ben", "sue", T0),
        "ChangePriority" => subject.ChangePriority(Priority.Urgent, "sue", Options.TargetFor(Priority.Urgent), T0),
        "AttachToIncident" => subject.AttachToIncident("I-1", T0),
        "ResolveWithIncident" => subject.ResolveWithIncident("I-1", "sue", T0),
        _ => throw new ArgumentOutOfRangeException(nameof(move), move, null),
    };
}
