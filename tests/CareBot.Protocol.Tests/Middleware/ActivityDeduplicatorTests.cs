using CareBot.Protocol.Auth;
using CareBot.Protocol.Middleware;
using CareBot.Protocol.Schema;
using CareBot.Protocol.Tests.Schema;
using CareBot.Protocol.Tests.Turns;
using CareBot.Protocol.Turns;
using CareBot.Testing.Turns;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CareBot.Protocol.Tests.Middleware;

public sealed class ActivityDeduplicatorTests
{
    private static Activity WebChatMessage(string? deliveryMode = null)
    {
        var activity = ActivityJson.Deserialize<Activity>(ChannelSamples.WebChatMessage)!;
        activity.DeliveryMode = deliveryMode;
        return activity;
    }

    [Fact]
    public async Task A_redelivered_activity_is_processed_once_and_gets_the_same_outcome()
    {
        var bot = new DelegateBot(async (turn, ct) => await turn.SendActivityAsync("reply #" + Guid.NewGuid(), ct));
        var harness = new ProcessorHarness(bot);

        var first = await harness.Processor.ProcessAsync(WebChatMessage(DeliveryModes.ExpectReplies), ChannelIdentity.Anonymous, CancellationToken.None);
        var retry = await harness.Processor.ProcessAsync(WebChatMessage(DeliveryModes.ExpectReplies), ChannelIdentity.Anonymous, CancellationToken.None);

        Assert.Equal(1, bot.Turns);
        Assert.Equal(first, retry);
        Assert.Contains("reply #", retry.BodyJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redelivered_message_sends_its_replies_once()
    {
        var harness = new ProcessorHarness(DelegateBot.Echo());

        await harness.Processor.ProcessAsync(WebChatMessage(), ChannelIdentity.Anonymous, CancellationToken.None);
        await harness.Processor.ProcessAsync(WebChatMessage(), ChannelIdentity.Anonymous, CancellationToken.None);

        Assert.Single(harness.Connector.Calls);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("conversation")]
    [InlineData("channel")]
    public async Task Activities_differing_in_channel_conversation_or_id_are_distinct(string differingPart)
    {
        var bot = new DelegateBot((_, _) => Task.CompletedTask);
        var harness = new ProcessorHarness(bot);
        var other = WebChatMessage();
        switch (differingPart)
        {
            case "id": other.Id = "8aF3kQ-us|0000004"; break;
            case "conversation": other.Conversation = new ConversationAccount("another-conversation"); break;
            default: other.ChannelId = Channels.DirectLine; break;
        }

        await harness.Processor.ProcessAsync(WebChatMessage(), ChannelIdentity.Anonymous, CancellationToken.None);
        await harness.Processor.ProcessAsync(other, ChannelIdentity.Anonymous, CancellationToken.None);

        Assert.Equal(2, bot.Turns);
    }

    [Fact]
    public async Task Activities_without_an_id_are_always_processed()
    {
        var bot = new DelegateBot((_, _) => Task.CompletedTask);
        var harness = new ProcessorHarness(bot);

        for (var i = 0; i < 2; i++)
        {
            var activity = WebChatMessage();
            activity.Id = null;
            await harness.Processor.ProcessAsync(activity, ChannelIdentity.Anonymous, CancellationToken.None);
        }

        Assert.Equal(2, bot.Turns);
    }

    [Fact]
    public async Task Concurrent_duplicate_deliveries_run_the_bot_exactly_once_and_all_get_its_outcome()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bot = new DelegateBot(async (turn, ct) =>
        {
            // Hold the turn until every delivery has arrived, so the others really wait for it.
            await release.Task.WaitAsync(ct);
            await turn.SendActivityAsync("only once", ct);
        });
        var options = new DeduplicationOptions { WaitTimeout = TimeSpan.FromMinutes(1) };
        var harness = new ProcessorHarness(bot, options, time: TimeProvider.System);

        var deliveries = Enumerable.Range(0, 8)
            .Select(_ => Task.Run(() => harness.Processor.ProcessAsync(WebChatMessage(DeliveryModes.ExpectReplies), ChannelIdentity.Anonymous, CancellationToken.None)))
            .ToArray();
        await Task.Delay(200);
        release.SetResult();
        var results = await Task.WhenAll(deliveries);

        Assert.Equal(1, bot.Turns);
        Assert.All(results, r => Assert.Equal(results[0], r));
        Assert.Contains("only once", results[0].BodyJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_still_in_progress_after_the_wait_gets_409()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 14, 0, 0, TimeSpan.Zero));
        var bot = new DelegateBot(async (_, _) => { started.TrySetResult(); await release.Task; });
        var options = new DeduplicationOptions { WaitTimeout = TimeSpan.FromSeconds(10) };
        var harness = new ProcessorHarness(bot, options, time: time);

        var first = harness.Processor.ProcessAsync(WebChatMessage(), ChannelIdentity.Anonymous, CancellationToken.None);
        await started.Task;
        var duplicate = harness.Processor.ProcessAsync(WebChatMessage(), ChannelIdentity.Anonymous, CancellationToken.None);
        while (!duplicate.IsCompleted)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1);
        }

        var answer = await duplicate;
        Assert.Equal(409, answer.StatusCode);
        Assert.Equal("ActivityInProgress", ActivityJson.Deserialize<ErrorResponse>(answer.BodyJson!)!.Error!.Code);
        Assert.True(time.GetUtcNow() >= new DateTimeOffset(2026, 11, 22, 14, 0, 10, TimeSpan.Zero));

        release.SetResult();
        Assert.Equal(200, (await first).StatusCode);
        Assert.Equal(1, bot.Turns);
    }

    [Fact]
    public async Task A_waiting_duplicate_processes_the_activity_itself_when_the_first_delivery_failed()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 14, 0, 0, TimeSpan.Zero));
        var bot = new DelegateBot(async (turn, ct) =>
        {
            if (started.TrySetResult())
            {
                await release.Task;
                throw new InvalidOperationException("first delivery fails");
            }

            await turn.SendActivityAsync("handled by the retry", ct);
        });
        var harness = new ProcessorHarness(bot, new DeduplicationOptions(), time: time);

        var first = harness.Processor.ProcessAsync(WebChatMessage(DeliveryModes.ExpectReplies), ChannelIdentity.Anonymous, CancellationToken.None);
        await started.Task;
        var duplicate = harness.Processor.ProcessAsync(WebChatMessage(DeliveryModes.ExpectReplies), ChannelIdentity.Anonymous, CancellationToken.None);
        release.SetResult();
        Assert.Equal(500, (await first).StatusCode);
        while (!duplicate.IsCompleted)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1);
        }

        var answer = await duplicate;
        Assert.Equal(200, answer.StatusCode);
        Assert.Contains("handled by the retry", answer.BodyJson, StringComparison.Ordinal);
        Assert.Equal(2, bot.Turns);
    }

    [Fact]
    public async Task A_failed_turn_stores_no_outcome_so_the_channels_retry_runs_it()
    {
        var fail = true;
        var bot = new DelegateBot(async (turn, ct) =>
        {
            if (fail)
            {
                throw new IOException("disk full");
            }

            await turn.SendActivityAsync("answered on the retry", ct);
        });
        var harness = new ProcessorHarness(bot);

        var failed = await harness.Processor.ProcessAsync(WebChatMessage(DeliveryModes.ExpectReplies), ChannelIdentity.Anonymous, CancellationToken.None);
        Assert.Null(await harness.Store.FindAsync(ActivityDeduplicator.KeyOf(WebChatMessage())!.Value, CancellationToken.None));
        fail = false;
        var retry = await harness.Processor.ProcessAsync(WebChatMessage(DeliveryModes.ExpectReplies), ChannelIdentity.Anonymous, CancellationToken.None);

        Assert.Equal(500, failed.StatusCode);
        Assert.Equal(200, retry.StatusCode);
        Assert.Contains("answered on the retry", retry.BodyJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bot_that_stores_the_outcome_in_its_own_commit_is_answered_with_it_and_no_second_write_is_made()
    {
        var store = new FailingStore(new InMemoryActivityOutcomeStore(TimeProvider.System, Options.Create(new DeduplicationOptions())));
        var bot = new DelegateBot((turn, _) =>
        {
            var participant = turn.CommitParticipant!;
            var reply = turn.CreateReply("stored with the turn");
            participant.Committed(participant.OutcomeFor([reply])); // as if the bot's commit had stored it
            return Task.CompletedTask;
        });
        var harness = new ProcessorHarness(bot, new DeduplicationOptions(), store, TimeProvider.System);

        var answer = await harness.Processor.ProcessAsync(WebChatMessage(DeliveryModes.ExpectReplies), ChannelIdentity.Anonymous, CancellationToken.None);

        Assert.Equal(0, store.Completions);
        Assert.Contains("stored with the turn", answer.BodyJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_turn_whose_outcome_cannot_be_recorded_is_still_answered_and_its_retry_is_not_refused()
    {
        var store = new FailingStore(new InMemoryActivityOutcomeStore(TimeProvider.System, Options.Create(new DeduplicationOptions()))) { FailCompletions = true };
        var harness = new ProcessorHarness(DelegateBot.Echo(), new DeduplicationOptions { WaitTimeout = TimeSpan.Zero }, store, TimeProvider.System);

        var first = await harness.Processor.ProcessAsync(WebChatMessage(), ChannelIdentity.Anonymous, CancellationToken.None);
        store.FailCompletions = false;
        var retry = await harness.Processor.ProcessAsync(WebChatMessage(), ChannelIdentity.Anonymous, CancellationToken.None);

        Assert.Equal(200, first.StatusCode);
        Assert.NotEqual(409, retry.StatusCode);
    }

    [Fact]
    public void The_key_is_channel_conversation_and_activity_id()
    {
        Assert.Equal(new ActivityKey("webchat", "8aF3kQ-us", "8aF3kQ-us|0000003"), ActivityDeduplicator.KeyOf(WebChatMessage()));
        Assert.Null(ActivityDeduplicator.KeyOf(new Activity { Type = "message", ChannelId = "webchat", Id = "1" }));
    }

    // A store whose completions fail when asked, as with a storage that is down; counts them.
    private sealed class FailingStore(IActivityOutcomeStore inner) : IActivityOutcomeStore
    {
        public bool FailCompletions { get; set; }

        public int Completions { get; private set; }

        public Task<StoredTurnOutcome?> FindAsync(ActivityKey key, CancellationToken cancellationToken) => inner.FindAsync(key, cancellationToken);

        public Task CompleteAsync(ActivityKey key, StoredTurnOutcome outcome, CancellationToken cancellationToken)
        {
            Completions++;
            return FailCompletions ? throw new IOException("disk full") : inner.CompleteAsync(key, outcome, cancellationToken);
        }
    }
}
