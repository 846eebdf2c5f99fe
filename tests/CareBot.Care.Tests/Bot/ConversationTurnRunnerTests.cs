using CareBot.Care.Bot;
using CareBot.Care.Cases;
using CareBot.Care.Conversations;
using CareBot.Care.Stores;
using CareBot.Dialogs;
using CareBot.Dialogs.Loading;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;
using CareBot.Protocol.Auth;
using CareBot.Protocol.Middleware;
using CareBot.Protocol.Schema;
using CareBot.Protocol.Turns;
using CareBot.Testing.Turns;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using static CareBot.Care.Tests.Bot.CareFixtures;

namespace CareBot.Care.Tests.Bot;

/// <summary>The runner's part in public reply rotation and lookups, over stores that start every conversation empty.</summary>
public sealed class ConversationTurnRunnerTests
{
    private const string PublicScript = """
        dialog: care
        start: thanks
        nodes:
          - id: thanks
            say: ["Thank you, one!", "Thank you, two!", "Thank you, three!", "Thank you, four!", "Thank you, five!"]
            next: done
          - id: done
            end: ~
        """;

    private const string LookupScript = """
        dialog: care
        start: order
        nodes:
          - id: order
            extract: order
            type: order_number
            next: look
          - id: look
            lookup: orders
            path: "/orders/{captured.order}"
            map: { status: status }
            next: answer
            fallback: unknown
          - id: answer
            end: "Order status: {captured.status}."
          - id: unknown
            end: "I can't see order details from here."
        """;

    private const string IntegrationScript = """
        dialog: care
        start: route
        nodes:
          - id: route
            branch:
              - when: { integration: orders }
                goto: can_look
            default: cannot_look
          - id: can_look
            end: "Let's find your order."
          - id: cannot_look
            end: "I can't look orders up from here."
        """;

    private const string NameScript = """
        dialog: care
        start: ask_name
        nodes:
          - id: ask_name
            ask: "Your name?"
            capture: name
            type: text
            next: done
          - id: done
            end: "Thanks, {captured.name}."
        """;

    private readonly Mock<IStateStore> state = new();
    private readonly Mock<ITurnCommitStore> commits = new();
    private readonly Mock<ILookupClient> lookups = new();
    private readonly List<TurnCommit> committed = [];

    public ConversationTurnRunnerTests()
    {
        lookups.Setup(l => l.Integrations).Returns(new HashSet<string>());
        state.Setup(s => s.ReadAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<string, StateRecord>());
        commits.Setup(c => c.CommitAsync(It.IsAny<TurnCommit>(), It.IsAny<CancellationToken>()))
            .Callback<TurnCommit, CancellationToken>((commit, _) => committed.Add(commit))
            .ReturnsAsync((TurnCommit commit, CancellationToken _) =>
                new TurnCommitResult([.. commit.State.Select(write => new StateRecord(write.Key, write.Utf8Json, "etag-" + committed.Count))], []));
    }

    [Fact]
    public async Task Consecutive_public_replies_on_a_channel_differ_across_conversations()
    {
        var runner = await RunnerAsync(PublicScript);

        var said = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var outcome = await runner.RunAsync(PublicTurn($"post-{i}", "Love you guys"), CancellationToken.None);
            said.Add(Assert.Single(outcome!.Replies));
        }

        Assert.All(said.Zip(said.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
        Assert.Equal(5, said.Distinct().Count());
    }

    [Fact]
    public async Task Each_channel_rotates_on_its_own()
    {
        var runner = await RunnerAsync(PublicScript);

        var first = await runner.RunAsync(PublicTurn("post-1", "thanks", channelId: "facebook"), CancellationToken.None);
        var second = await runner.RunAsync(PublicTurn("post-2", "thanks", channelId: "twitter"), CancellationToken.None);

        Assert.Equal(first!.Replies, second!.Replies);
    }

    [Fact]
    public async Task A_lookup_is_made_once_and_its_answer_is_said()
    {
        lookups.Setup(l => l.LookupAsync(It.IsAny<LookupRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(LookupResult.Found(new Dictionary<string, string> { ["status"] = "out for delivery" }));
        var runner = await RunnerAsync(LookupScript);

        var outcome = await runner.RunAsync(PrivateTurn("dm-1", "where is AB-123456?"), CancellationToken.None);

        Assert.Equal(["Order status: out for delivery."], outcome!.Replies);
        lookups.Verify(l => l.LookupAsync(It.Is<LookupRequest>(r => r.Integration == "orders" && r.Path == "/orders/AB-123456"), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Single(committed);
    }

    [Fact]
    public async Task A_turn_rerun_after_a_state_conflict_does_not_call_the_api_again()
    {
        lookups.Setup(l => l.LookupAsync(It.IsAny<LookupRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(LookupResult.Found(new Dictionary<string, string> { ["status"] = "shipped" }));
        commits.SetupSequence(c => c.CommitAsync(It.IsAny<TurnCommit>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new StateConflictException("conversation/twitter/dm-1", (string?)null))
            .ReturnsAsync(new TurnCommitResult([], []));
        var runner = await RunnerAsync(LookupScript);

        var outcome = await runner.RunAsync(PrivateTurn("dm-1", "AB-123456"), CancellationToken.None);

        Assert.Equal(["Order status: shipped."], outcome!.Replies);
        lookups.Verify(l => l.LookupAsync(It.IsAny<LookupRequest>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_failed_lookup_takes_the_fallback_and_states_nothing()
    {
        lookups.Setup(l => l.LookupAsync(It.IsAny<LookupRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(LookupResult.Failed("HTTP 500"));
        var runner = await RunnerAsync(LookupScript);

        var outcome = await runner.RunAsync(PrivateTurn("dm-1", "AB-123456"), CancellationToken.None);

        Assert.Equal(["I can't see order details from here."], outcome!.Replies);
    }

    [Theory]
    [InlineData("Orders", "Let's find your order.")]
    [InlineData("payments", "I can't look orders up from here.")]
    public async Task A_script_can_tell_which_integrations_are_configured_before_it_promises_a_look_up(string configured, string expected)
    {
        lookups.Setup(l => l.Integrations).Returns(new HashSet<string>([configured], StringComparer.OrdinalIgnoreCase));
        var runner = await RunnerAsync(IntegrationScript);

        var outcome = await runner.RunAsync(PrivateTurn("dm-1", "where is my order?"), CancellationToken.None);

        Assert.Equal([expected], outcome!.Replies);
    }

    [Fact]
    public async Task A_message_turn_stores_its_answer_with_its_state_in_one_commit_and_sends_the_same_replies_after_it()
    {
        var runner = await RunnerAsync(PublicScript);
        var connector = new RecordingConnectorClient();
        var context = MessageContext(connector, "msg-1", DeliveryModes.ExpectReplies);

        var outcome = await runner.RunMessageAsync(context, "Love you guys", CancellationToken.None);

        var commit = Assert.Single(committed);
        Assert.Single(commit.State);
        Assert.Equal(new ActivityKey("twitter", "post-9", "msg-1"), commit.Processed!.Key);
        Assert.Same(commit.Processed.Outcome, context.CommitParticipant!.CommittedOutcome);
        var stored = ActivityJson.Deserialize<ExpectedReplies>(commit.Processed.Outcome.BodyJson!)!;
        Assert.Equal(outcome!.Replies, stored.Activities.Select(a => a.Text));
        Assert.Equal(outcome.Replies, context.SentActivities.Select(s => s.Activity.Text));
        Assert.Empty(connector.Calls); // expectReplies: buffered for the HTTP answer
    }

    [Fact]
    public async Task A_turn_whose_commit_finds_its_activity_already_processed_sends_nothing_and_answers_the_first_outcome()
    {
        var runner = await RunnerAsync(PublicScript);
        var first = new StoredTurnOutcome(200, null);
        commits.Setup(c => c.CommitAsync(It.IsAny<TurnCommit>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new DuplicateActivityException(new ActivityKey("twitter", "post-9", "msg-1"), first));
        var connector = new RecordingConnectorClient();
        var context = MessageContext(connector, "msg-1", deliveryMode: null);

        var outcome = await runner.RunMessageAsync(context, "Love you guys", CancellationToken.None);

        Assert.Null(outcome);
        Assert.Same(first, context.CommitParticipant!.CommittedOutcome);
        Assert.Empty(context.SentActivities);
        Assert.Empty(connector.Calls);
    }

    [Fact]
    public async Task A_message_turn_keeps_the_triage_the_dialog_saw_in_the_conversation_state()
    {
        var annotator = new Mock<ITurnAnnotator>();
        annotator.Setup(a => a.AnnotateAsync("Where is my refund??", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new TriageAnnotations(-0.6, "negative", new HashSet<string> { SignalNames.Complaint, SignalNames.Shouting }, Priority.High));
        var runner = await RunnerAsync(PublicScript, annotator.Object);
        var context = MessageContext(new RecordingConnectorClient(), "msg-1", DeliveryModes.ExpectReplies);

        await runner.RunMessageAsync(context, "Where is my refund??", CancellationToken.None);

        var stored = CareConversationState.FromJson(Assert.Single(Assert.Single(committed).State).Utf8Json.Span);
        var snapshot = Assert.Single(stored.Triage);
        Assert.Equal(["complaint", "shouting"], snapshot.Signals);
        Assert.Equal(Priority.High, snapshot.Priority);
        Assert.Equal(-0.6, snapshot.Compound);
        Assert.Equal("negative", snapshot.Label);
    }

    [Fact]
    public async Task The_next_turn_takes_the_state_this_turn_committed_while_its_etag_is_the_stored_one()
    {
        var runner = await RunnerAsync(NameScript);
        await runner.RunAsync(PrivateTurn("dm-1", "hello"), CancellationToken.None);
        var written = Assert.Single(Assert.Single(committed).State);

        // The stored bytes are not parsed when the ETag is the committed one: the kept state (waiting for a name) goes on.
        StoreReturns(new StateRecord(written.Key, Utf8Json.FromText("{}"), "etag-1"));
        var outcome = await runner.RunAsync(PrivateTurn("dm-1", "Sam"), CancellationToken.None);

        Assert.Equal(["Thanks, Sam."], outcome!.Replies);
    }

    [Fact]
    public async Task A_state_written_by_anything_else_since_is_read_from_the_store()
    {
        var runner = await RunnerAsync(NameScript);
        await runner.RunAsync(PrivateTurn("dm-1", "hello"), CancellationToken.None);
        var written = Assert.Single(Assert.Single(committed).State);

        // Another writer (the console, another instance) stored a new state: an empty one, so the dialog starts again.
        StoreReturns(new StateRecord(written.Key, Utf8Json.FromText("{}"), "etag-2"));
        var outcome = await runner.RunAsync(PrivateTurn("dm-1", "Sam"), CancellationToken.None);

        Assert.Equal(["Your name?"], outcome!.Replies);
    }

    [Fact]
    public async Task A_card_number_and_a_password_never_reach_the_stored_state()
    {
        var runner = await RunnerAsync(NameScript);

        await runner.RunAsync(PrivateTurn("dm-1", "hello"), CancellationToken.None);
        await runner.RunAsync(PrivateTurn("dm-1", "card 4111 1111 1111 1111, password is Sunflower2020"), CancellationToken.None);

        var stored = committed[^1].State.Single().Utf8Json.Text;
        Assert.DoesNotContain("4111", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("Sunflower2020", stored, StringComparison.Ordinal);
        Assert.Contains("card ending 1111", stored, StringComparison.Ordinal);
    }

    private static TurnContext MessageContext(RecordingConnectorClient connector, string activityId, string? deliveryMode)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = activityId,
            Text = "Love you guys",
            ChannelId = "twitter",
            ServiceUrl = "https://channel.example/",
            DeliveryMode = deliveryMode,
            Conversation = new ConversationAccount("post-9") { IsGroup = true },
            From = new ChannelAccount("u1", "Dana"),
            Recipient = new ChannelAccount("b1", "CareBot"),
        };
        var key = ActivityDeduplicator.KeyOf(activity)!.Value;
        return new TurnContext(activity, ChannelIdentity.Anonymous, connector)
        {
            CommitParticipant = new TurnCommitParticipant(key, deliveryMode == DeliveryModes.ExpectReplies),
        };
    }

    private void StoreReturns(StateRecord record) =>
        state.Setup(s => s.ReadAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<string, StateRecord> { [record.Key] = record });

    private static ConversationTurn PublicTurn(string conversationId, string text, string channelId = "twitter") =>
        new(Reference(conversationId, channelId, isGroup: true), TurnInput.Message(text, isPublic: true, Now)) { ActivityId = "a-" + conversationId };

    private static ConversationTurn PrivateTurn(string conversationId, string text) =>
        new(Reference(conversationId), TurnInput.Message(text, isPublic: false, Now)) { ActivityId = "a-" + conversationId };

    private async Task<ConversationTurnRunner> RunnerAsync(string yaml, ITurnAnnotator? annotator = null)
    {
        var registry = new ScriptRegistry();
        var loaded = await registry.LoadSourcesAsync([("care.yaml", yaml)], CancellationToken.None);
        Assert.True(loaded.IsValid, string.Join(Environment.NewLine, loaded.Diagnostics));
        var careOptions = Options.Create(new CareBotOptions());
        var effects = new TurnEffects(Factory(), new CaseOpenedMessages(Emails(), careOptions), careOptions, Options.Create(new CaseOptions()));
        return new ConversationTurnRunner(
            state.Object, commits.Object, Mock.Of<ICaseStore>(), registry, new DialogRuntime(registry), effects,
            lookups.Object, new PublicReplyRotation(), careOptions, NullLogger<ConversationTurnRunner>.Instance, annotator);
    }
}
