using CareBot.Care.Bot;
using CareBot.Care.Cases;
using CareBot.Care.Conversations;
using CareBot.Care.Delivery;
using CareBot.Care.Stores;
using CareBot.Dialogs.Runtime;
using CareBot.Protocol.Schema;
using Microsoft.Extensions.Options;
using static CareBot.Care.Tests.Bot.CareFixtures;

namespace CareBot.Care.Tests.Bot;

/// <summary>What a stepped turn stores besides the dialog state: lines, triage, cases, updates and outbox rows.</summary>
public sealed class TurnEffectsTests
{
    private const string Key = "conversation/twitter/dm-1";
    private const string Holding = "Still waiting, {user.name}; a person will reply soon.";

    private static TurnEffects Planner(Action<CareBotOptions>? configure = null)
    {
        var options = new CareBotOptions { HoldingReply = Holding };
        configure?.Invoke(options);
        var careOptions = Options.Create(options);
        return new TurnEffects(Factory(), new CaseOpenedMessages(Emails(), careOptions), careOptions, Options.Create(new CaseOptions()));
    }

    private static ConversationTurn MessageTurn(string text, DateTimeOffset? at = null, bool isPublic = false, string conversationId = "dm-1", string channelId = "twitter") =>
        new(Reference(conversationId, channelId, isPublic), TurnInput.Message(text, isPublic, at ?? Now) with { UserName = "Dana" });

    private static TurnEffects.Context Context(
        ConversationTurn turn,
        IReadOnlyList<string> replies,
        CareConversationState? state = null,
        CaseRecord? openCase = null,
        IReadOnlyList<DialogEffect>? effects = null,
        bool handled = true,
        long? caseNumber = null,
        int dialogTurn = 4) =>
        new(turn, Key, state ?? new CareConversationState(), new StepResult(DialogAt(dialogTurn), replies, effects ?? [], handled), openCase, caseNumber);

    [Fact]
    public void A_message_turn_keeps_the_customer_line_the_replies_and_a_triage_snapshot_in_the_conversation()
    {
        var plan = Planner().For(Context(MessageTurn("Where is my parcel?"), ["Sorry to hear that.", "What's your order number?"]));

        Assert.Equal(
            [(CaseAuthor.Customer, "Where is my parcel?"), (CaseAuthor.Bot, "Sorry to hear that."), (CaseAuthor.Bot, "What's your order number?")],
            plan.State.Lines.Select(l => (l.Author, l.Text)));
        Assert.All(plan.State.Lines, l => Assert.Equal(CaseThread.Private, l.Thread));
        Assert.Equal("Dana", plan.State.Lines[0].Name);
        var snapshot = Assert.Single(plan.State.Triage);
        Assert.Equal(Now, snapshot.At);
        Assert.Equal(["Sorry to hear that.", "What's your order number?"], plan.Replies);
        Assert.Empty(plan.NewCases);
        Assert.Empty(plan.CaseUpdates);
        Assert.Empty(plan.Outbox);
        Assert.Empty(plan.CaseEvents);
    }

    [Fact]
    public void A_public_turn_records_its_lines_on_the_public_thread()
    {
        var plan = Planner().For(Context(MessageTurn("@brand help", isPublic: true, conversationId: "post-1"), ["Let's talk privately."]));

        Assert.All(plan.State.Lines, l => Assert.Equal(CaseThread.Public, l.Thread));
    }

    [Fact]
    public void The_conversation_keeps_only_the_newest_lines()
    {
        var old = Enumerable.Range(0, CareConversationState.RememberedLines).Select(i => Line(CaseAuthor.Customer, "old " + i)).ToArray();
        var state = new CareConversationState { Lines = old };

        var plan = Planner().For(Context(MessageTurn("new"), ["reply"], state));

        Assert.Equal(CareConversationState.RememberedLines, plan.State.Lines.Count);
        Assert.Equal("old 2", plan.State.Lines[0].Text);
        Assert.Equal(["new", "reply"], plan.State.Lines.TakeLast(2).Select(l => l.Text));
    }

    [Fact]
    public void An_event_turn_without_text_adds_no_triage()
    {
        var turn = new ConversationTurn(Reference("dm-1"), TurnInput.ForEvent(DialogEvents.CaseHandedBack, false, Now));

        var plan = Planner().For(Context(turn, ["Welcome back!"]));

        Assert.Empty(plan.State.Triage);
        Assert.Equal([(CaseAuthor.Bot, "Welcome back!")], plan.State.Lines.Select(l => (l.Author, l.Text)));
    }

    [Fact]
    public void With_an_open_queued_case_the_customer_line_and_triage_go_on_the_case_at_its_loaded_version()
    {
        var open = QueuedCase();
        var plan = Planner(o => o.AddedToCaseReply = "").For(Context(MessageTurn("Any news?", Now.AddMinutes(10)), [], handled: false, openCase: new CaseRecord(open, 7)));

        var update = Assert.Single(plan.CaseUpdates);
        Assert.Same(open, update.Case);
        Assert.Equal(7, update.ExpectedVersion);
        Assert.Equal((CaseAuthor.Customer, "Any news?", CaseThread.Private), (open.Transcript[^1].Author, open.Transcript[^1].Text, open.Transcript[^1].Thread));
        Assert.Single(open.Triage);
        Assert.Equal([CaseEventNames.Triaged, CaseEventNames.MessageAdded], plan.CaseEvents.Select(e => e.Name));
        Assert.All(plan.CaseEvents, e => Assert.Equal(open.Id, e.CaseId));
        Assert.Empty(plan.Replies);
    }

    [Fact]
    public void A_closed_case_hears_nothing()
    {
        var resolved = AssignedCase();
        resolved.Resolve(Now.AddMinutes(30));
        var transcript = resolved.Transcript.Count;

        var plan = Planner().For(Context(MessageTurn("Thanks!", Now.AddHours(1)), ["Glad to help."], openCase: new CaseRecord(resolved, 3)));

        Assert.Empty(plan.CaseUpdates);
        Assert.Equal(transcript, resolved.Transcript.Count);
    }

    [Fact]
    public void The_holding_reply_is_said_once_when_a_queued_case_waits_past_its_first_response_time()
    {
        var open = QueuedCase();
        var late = open.FirstResponseDue.AddMinutes(1);

        var plan = Planner().For(Context(MessageTurn("Hello??", late), [], handled: false, openCase: new CaseRecord(open, 2)));

        Assert.Equal(["Still waiting, Dana; a person will reply soon."], plan.Replies);
        Assert.Equal(open.Id, plan.State.HoldingReplySentFor);
        Assert.Equal((CaseAuthor.Bot, "Still waiting, Dana; a person will reply soon."), (open.Transcript[^1].Author, open.Transcript[^1].Text));
        Assert.Equal("Hello??", open.Transcript[^2].Text);
    }

    [Fact]
    public void The_holding_reply_is_not_said_again_for_the_same_case()
    {
        var open = QueuedCase();
        var state = new CareConversationState { OpenCaseId = open.Id, HoldingReplySentFor = open.Id };

        var plan = Planner().For(Context(MessageTurn("Hello???", open.FirstResponseDue.AddHours(1)), [], state, new CaseRecord(open, 2), handled: false));

        Assert.Empty(plan.Replies);
        Assert.Single(plan.CaseUpdates);
    }

    [Fact]
    public void The_holding_reply_is_said_for_a_new_case_even_after_one_was_said_for_an_earlier_case()
    {
        var open = QueuedCase(1043);
        var state = new CareConversationState { HoldingReplySentFor = "C-1042" };

        var plan = Planner().For(Context(MessageTurn("Hello?", open.FirstResponseDue.AddMinutes(1)), [], state, new CaseRecord(open, 2), handled: false));

        Assert.Single(plan.Replies);
        Assert.Equal("C-1043", plan.State.HoldingReplySentFor);
    }

    [Fact]
    public void The_holding_reply_is_not_said_before_the_first_response_time()
    {
        var open = QueuedCase();

        var plan = Planner().For(Context(MessageTurn("Hello?", open.FirstResponseDue), [], openCase: new CaseRecord(open, 2), handled: false));

        Assert.DoesNotContain(plan.Replies, r => r.StartsWith("Still waiting", StringComparison.Ordinal));
        Assert.Null(plan.State.HoldingReplySentFor);
    }

    [Fact]
    public void Before_the_first_response_time_a_follow_up_is_told_once_that_it_reached_the_case()
    {
        var open = QueuedCase();

        var first = Planner().For(Context(MessageTurn("Also, the box was wet", Now.AddMinutes(5)), [], openCase: new CaseRecord(open, 2), handled: false));
        var lastLine = open.Transcript[^1];
        var second = Planner().For(Context(MessageTurn("Hello?", Now.AddMinutes(6)), [], first.State, new CaseRecord(open, 3), handled: false));

        Assert.Equal([$"Got it, Dana. I've added that to case {open.Id}; a person from our team will reply right here."], first.Replies);
        Assert.Equal(open.Id, first.State.AddedToCaseReplySentFor);
        Assert.Equal((CaseAuthor.Bot, first.Replies[0]), (lastLine.Author, lastLine.Text));
        Assert.Empty(second.Replies);
    }

    [Fact]
    public void The_added_to_case_note_is_not_said_when_an_agent_has_the_case_or_in_public_or_when_turned_off()
    {
        var assigned = AssignedCase();
        var queued = QueuedCase();

        var claimed = Planner().For(Context(MessageTurn("Hello?", Now.AddMinutes(5)), [], openCase: new CaseRecord(assigned, 2), handled: false));
        var inPublic = Planner().For(Context(MessageTurn("Hello?", Now.AddMinutes(5), isPublic: true), [], openCase: new CaseRecord(queued, 2), handled: false));
        var off = Planner(o => o.AddedToCaseReply = "").For(Context(MessageTurn("Hello?", Now.AddMinutes(5)), [], openCase: new CaseRecord(queued, 2), handled: false));

        Assert.Empty(claimed.Replies);
        Assert.Empty(inPublic.Replies);
        Assert.Empty(off.Replies);
    }

    [Fact]
    public void The_holding_reply_is_not_said_when_an_agent_has_the_case()
    {
        var assigned = AssignedCase();

        var plan = Planner().For(Context(MessageTurn("Hello?", assigned.FirstResponseDue.AddHours(1)), [], openCase: new CaseRecord(assigned, 2), handled: false));

        Assert.Empty(plan.Replies);
        Assert.Null(plan.State.HoldingReplySentFor);
    }

    [Fact]
    public void The_holding_reply_is_not_said_when_the_dialog_answered()
    {
        var open = QueuedCase();

        var plan = Planner().For(Context(MessageTurn("Hello?", open.FirstResponseDue.AddHours(1)), ["Your case is C-1042."], openCase: new CaseRecord(open, 2), handled: true));

        Assert.Equal(["Your case is C-1042."], plan.Replies);
    }

    [Fact]
    public void The_holding_reply_is_never_said_in_public()
    {
        var open = QueuedCase();

        var plan = Planner().For(Context(MessageTurn("@brand Hello??", open.FirstResponseDue.AddHours(1), isPublic: true, conversationId: "post-1"), [], openCase: new CaseRecord(open, 2), handled: false));

        Assert.Empty(plan.Replies);
        Assert.Null(plan.State.HoldingReplySentFor);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void The_holding_reply_is_off_when_it_is_empty(string? holdingReply)
    {
        var open = QueuedCase();

        var plan = Planner(o => o.HoldingReply = holdingReply).For(Context(MessageTurn("Hello?", open.FirstResponseDue.AddHours(1)), [], openCase: new CaseRecord(open, 2), handled: false));

        Assert.Empty(plan.Replies);
        Assert.Null(plan.State.HoldingReplySentFor);
    }

    [Fact]
    public void A_hand_off_opens_a_queued_case_with_the_public_and_private_lines_and_links_the_public_post()
    {
        var post = Reference("post-1", isGroup: true);
        var state = new CareConversationState
        {
            PublicReference = post,
            Lines = [Line(CaseAuthor.Customer, "@brand my order never came", CaseThread.Public), Line(CaseAuthor.Bot, "Let's talk privately.", CaseThread.Public)],
        };

        var plan = Planner().For(Context(MessageTurn("Please get me a person"), ["An agent will reply here."], state, effects: [Handoff()], caseNumber: 1042, dialogTurn: 6));

        var opened = Assert.Single(plan.NewCases);
        Assert.Equal(("C-1042", CaseStatus.Queued, Key + "#6"), (opened.Id, opened.Status, opened.CreationKey));
        Assert.Equal(plan.State.Lines, opened.Transcript);
        Assert.Equal(
            [CaseThread.Public, CaseThread.Public, CaseThread.Private, CaseThread.Private],
            opened.Transcript.Select(l => l.Thread));
        Assert.Equal(CaseOriginKind.PublicPost, opened.Origin.Kind);
        Assert.Same(post, opened.Origin.Public);
        Assert.Equal("dm-1", opened.Origin.Private?.Conversation?.Id);
        Assert.Single(opened.Triage);
        Assert.Equal(("twitter", "u-1", "Dana"), (opened.Customer.ChannelId, opened.Customer.UserId, opened.Customer.Name));
        Assert.Equal("C-1042", plan.State.OpenCaseId);
        Assert.Contains(plan.CaseEvents, e => e.Name == CaseEventNames.Created);
        Assert.Equal(CaseEventNames.Queued, plan.CaseEvents[^1].Name);
        Assert.Empty(plan.CaseUpdates);
        var notification = Assert.Single(plan.Outbox);
        Assert.Equal((OutboxKind.Email, "case-notify/C-1042"), (notification.Kind, notification.IdempotencyKey));
    }

    [Fact]
    public void A_hand_off_during_an_incident_opens_a_case_that_joins_it_and_pages_no_agent()
    {
        var turn = MessageTurn("agent please");
        var context = Context(turn, ["Connecting you."], effects: [Handoff()], caseNumber: 7) with { IncidentId = "I-1" };

        var plan = Planner().For(context);

        var opened = Assert.Single(plan.NewCases);
        Assert.Equal(("I-1", CaseStatus.Queued), (opened.IncidentId, opened.Status));
        Assert.Contains(plan.CaseEvents, e => e.Name == CaseEventNames.IncidentAttached && e.Detail == "I-1");
        Assert.DoesNotContain(plan.Outbox, o => o.IdempotencyKey.StartsWith("case-notify/", StringComparison.Ordinal));
    }

    [Fact]
    public void A_hand_off_in_a_private_chat_that_never_was_public_opens_a_private_chat_case()
    {
        var plan = Planner().For(Context(MessageTurn("agent please"), ["Connecting you."], effects: [Handoff()], caseNumber: 7));

        var opened = Assert.Single(plan.NewCases);
        Assert.Equal(CaseOriginKind.PrivateChat, opened.Origin.Kind);
        Assert.Null(opened.Origin.Public);
        Assert.Equal("dm-1", opened.Origin.Private?.Conversation?.Id);
    }

    [Fact]
    public void A_hand_off_in_public_opens_a_public_post_case_without_a_private_conversation()
    {
        var plan = Planner().For(Context(MessageTurn("@brand I need a human", isPublic: true, conversationId: "post-9"), ["Email us."], effects: [Handoff("dana@example.com")], caseNumber: 8));

        var opened = Assert.Single(plan.NewCases);
        Assert.Equal(CaseOriginKind.PublicPost, opened.Origin.Kind);
        Assert.Equal("post-9", opened.Origin.Public?.Conversation?.Id);
        Assert.Null(opened.Origin.Private);
        Assert.Equal(["case-notify/C-8", "case-confirm/C-8"], plan.Outbox.Select(o => o.IdempotencyKey));
    }

    [Fact]
    public void A_hand_off_without_a_drawn_number_opens_no_case()
    {
        var plan = Planner().For(Context(MessageTurn("agent"), ["Connecting you."], effects: [Handoff()], caseNumber: null));

        Assert.Empty(plan.NewCases);
        Assert.Null(plan.State.OpenCaseId);
    }

    [Fact]
    public void A_hand_off_while_a_case_is_open_opens_no_second_case()
    {
        var open = QueuedCase();

        var plan = Planner().For(Context(MessageTurn("agent"), ["Connecting you."], openCase: new CaseRecord(open, 1), effects: [Handoff()], caseNumber: 1043));

        Assert.Empty(plan.NewCases);
    }

    [Fact]
    public void Take_offline_becomes_an_outbox_row_carrying_the_private_state_and_the_public_lines()
    {
        var privateState = DialogAt(0) with { Stack = [] };
        var effect = new TakeOfflineEffect("private-start", Captured(), privateState);

        var plan = Planner().For(Context(MessageTurn("@brand help", isPublic: true, conversationId: "post-1"), ["DM us!"], effects: [effect], dialogTurn: 2));

        var row = Assert.Single(plan.Outbox);
        Assert.Equal((OutboxKind.TakeOffline, "take-offline/" + Key + "#2"), (row.Kind, row.IdempotencyKey));
        var delivery = ActivityJson.Deserialize<TakeOfflineDelivery>(row.PayloadJson)!;
        Assert.Equal("post-1", delivery.Public.Conversation?.Id);
        Assert.Equal(privateState.ScriptId, delivery.PrivateState.ScriptId);
        Assert.Equal("Dana", delivery.UserName);
        Assert.Equal(["@brand help", "DM us!"], delivery.Lines.Select(l => l.Text));
        Assert.Single(delivery.Triage);
    }

    [Fact]
    public void Take_offline_on_a_channel_without_private_conversations_sends_offline_failed_to_the_public_post()
    {
        var effect = new TakeOfflineEffect("private-start", Captured(), DialogAt(0));

        var plan = Planner(o => o.ChannelsWithoutPrivateConversations.Add("Facebook"))
            .For(Context(MessageTurn("help", isPublic: true, conversationId: "post-1", channelId: "facebook"), ["On it."], effects: [effect], dialogTurn: 2));

        var row = Assert.Single(plan.Outbox);
        Assert.Equal((OutboxKind.DialogEvent, "offline-failed/" + Key + "#2"), (row.Kind, row.IdempotencyKey));
        var delivery = ActivityJson.Deserialize<DialogEventDelivery>(row.PayloadJson)!;
        Assert.Equal((DialogEvents.OfflineFailed, true, "post-1"), (delivery.Event, delivery.IsPublic, delivery.Reference.Conversation?.Id));
    }

    [Fact]
    public void A_rating_is_recorded_on_a_resolved_case()
    {
        var resolved = AssignedCase();
        resolved.Resolve(Now.AddMinutes(30));

        var plan = Planner().For(Context(MessageTurn("4", Now.AddHours(1)), ["Thanks for rating us."], openCase: new CaseRecord(resolved, 5), effects: [new RecordRatingEffect(4)]));

        Assert.Equal(4, resolved.Rating);
        var update = Assert.Single(plan.CaseUpdates);
        Assert.Equal((5L, resolved), (update.ExpectedVersion, update.Case));
        Assert.Equal([CaseEventNames.Rated], plan.CaseEvents.Select(e => e.Name));
    }

    [Fact]
    public void A_second_rating_is_ignored()
    {
        var rated = AssignedCase();
        rated.Resolve(Now.AddMinutes(30));
        rated.RecordRating(2, Now.AddMinutes(40));

        var plan = Planner().For(Context(MessageTurn("5", Now.AddHours(1)), ["Thanks."], openCase: new CaseRecord(rated, 6), effects: [new RecordRatingEffect(5)]));

        Assert.Equal(2, rated.Rating);
        Assert.Empty(plan.CaseUpdates);
        Assert.Empty(plan.CaseEvents);
    }

    [Fact]
    public void A_rating_on_a_case_that_is_not_resolved_is_ignored()
    {
        var assigned = AssignedCase();

        var plan = Planner().For(Context(MessageTurn("5", Now.AddHours(1)), [], openCase: new CaseRecord(assigned, 6), effects: [new RecordRatingEffect(5)], handled: false));

        Assert.Null(assigned.Rating);
        Assert.DoesNotContain(plan.CaseEvents, e => e.Name == CaseEventNames.Rated);
    }

    [Fact]
    public void A_turn_without_an_http_response_puts_its_replies_in_the_outbox_with_stable_keys_and_activity_ids()
    {
        var turn = new ConversationTurn(Reference("dm-1"), TurnInput.Begin(false, Now)) { RepliesViaOutbox = true };

        var plan = Planner().For(Context(turn, ["Hi Dana, this is CareBot.", "What's your order number?"], dialogTurn: 1));

        Assert.Equal([$"reply/{Key}#1/0", $"reply/{Key}#1/1"], plan.Outbox.Select(o => o.IdempotencyKey));
        Assert.All(plan.Outbox, o => Assert.Equal(OutboxKind.Activity, o.Kind));
        var deliveries = plan.Outbox.Select(o => ActivityJson.Deserialize<ActivityDelivery>(o.PayloadJson)!).ToArray();
        Assert.Equal(["Hi Dana, this is CareBot.", "What's your order number?"], deliveries.Select(d => d.Activity.Text));
        Assert.Equal([OutboxPayloads.ActivityIdFor($"reply/{Key}#1/0"), OutboxPayloads.ActivityIdFor($"reply/{Key}#1/1")], deliveries.Select(d => d.Activity.Id));
        Assert.All(deliveries, d => Assert.Equal("dm-1", d.Activity.Conversation?.Id));
        Assert.Equal(2, plan.State.Lines.Count);
    }

    [Theory]
    [InlineData("meta-facebook", true, 1)]     // a Private Reply: one message until the customer answers
    [InlineData("directline", true, 2)]        // a channel without that limit keeps its bubbles
    [InlineData("meta-facebook", false, 2)]    // a private chat the customer started is not limited
    public void The_opening_of_a_private_chat_is_one_message_where_the_channel_takes_only_one(string channel, bool fromPublicPost, int messages)
    {
        var turn = new ConversationTurn(Reference("private-1", channel), TurnInput.Begin(false, Now))
        {
            RepliesViaOutbox = true,
            PublicReference = fromPublicPost ? Reference("post-1", channel, isGroup: true) : null,
        };

        var plan = Planner(o => o.ChannelsWithOneOpeningMessage.Add("meta-facebook")).For(Context(turn, ["Hi Dana.", "What's your order number?"], dialogTurn: 1));

        var texts = plan.Outbox.Select(o => ActivityJson.Deserialize<ActivityDelivery>(o.PayloadJson)!.Activity.Text).ToArray();
        Assert.Equal(messages, texts.Length);
        Assert.Equal("Hi Dana.\n\nWhat's your order number?", string.Join("\n\n", texts));
        Assert.Equal(["Hi Dana.", "What's your order number?"], plan.State.Lines.Select(l => l.Text)); // the transcript keeps both
    }

    [Fact]
    public void Planning_the_same_turn_twice_gives_the_same_outbox_keys()
    {
        var turn = new ConversationTurn(Reference("dm-1"), TurnInput.Begin(false, Now)) { RepliesViaOutbox = true };

        var first = Planner().For(Context(turn, ["Hi"], dialogTurn: 3));
        var second = Planner().For(Context(turn, ["Hi"], dialogTurn: 3));

        Assert.Equal(first.Outbox, second.Outbox);
    }
}
