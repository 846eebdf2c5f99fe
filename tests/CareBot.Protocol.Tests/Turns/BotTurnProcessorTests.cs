using System.Text.Json;
using CareBot.Protocol.Auth;
using CareBot.Protocol.Schema;
using CareBot.Protocol.Tests.Schema;
using CareBot.Protocol.Turns;
using CareBot.Testing.Turns;

namespace CareBot.Protocol.Tests.Turns;

public sealed class BotTurnProcessorTests
{
    private static readonly ChannelIdentity AzureChannel = new(true, CallerIdConstants.PublicAzureChannel, "app", "https://webchat.botframework.com/");

    private static Activity WebChatMessage(string? deliveryMode = null)
    {
        var activity = ActivityJson.Deserialize<Activity>(ChannelSamples.WebChatMessage)!;
        activity.DeliveryMode = deliveryMode;
        return activity;
    }

    private static Activity Invoke() => ActivityJson.Deserialize<Activity>(ChannelSamples.TeamsInvoke)!;

    [Fact]
    public async Task A_message_answers_200_without_body_and_the_reply_goes_to_the_channel()
    {
        var harness = new ProcessorHarness(DelegateBot.Echo());

        var result = await harness.Processor.ProcessAsync(WebChatMessage(), AzureChannel, CancellationToken.None);

        Assert.Equal(new TurnResult(200, null), result);
        var call = Assert.Single(harness.Connector.Calls);
        Assert.Equal("reply", call.Operation);
        Assert.Equal("echo: my parcel never arrived", call.Activity!.Text);
    }

    [Fact]
    public async Task ExpectReplies_answers_every_reply_in_the_body_and_sends_nothing()
    {
        var bot = new DelegateBot(async (turn, ct) =>
        {
            await turn.SendActivityAsync("one", ct);
            await turn.SendActivityAsync("two", ct);
        });
        var harness = new ProcessorHarness(bot);

        var result = await harness.Processor.ProcessAsync(WebChatMessage(DeliveryModes.ExpectReplies), AzureChannel, CancellationToken.None);

        Assert.Equal(200, result.StatusCode);
        var replies = ActivityJson.Deserialize<ExpectedReplies>(result.BodyJson!)!;
        Assert.Equal(["one", "two"], replies.Activities.Select(a => a.Text));
        Assert.All(replies.Activities, a => Assert.Equal("dl_4f1c", a.Recipient!.Id));
        Assert.Empty(harness.Connector.Calls);
    }

    [Fact]
    public async Task ExpectReplies_with_no_replies_answers_an_empty_list()
    {
        var harness = new ProcessorHarness(new DelegateBot((_, _) => Task.CompletedTask));

        var result = await harness.Processor.ProcessAsync(WebChatMessage(DeliveryModes.ExpectReplies), AzureChannel, CancellationToken.None);

        Assert.Equal("""{"activities":[]}""", result.BodyJson);
    }

    [Fact]
    public async Task An_invoke_the_bot_does_not_answer_gets_501()
    {
        var harness = new ProcessorHarness(new DelegateBot((_, _) => Task.CompletedTask));

        var result = await harness.Processor.ProcessAsync(Invoke(), AzureChannel, CancellationToken.None);

        Assert.Equal(new TurnResult(501, null), result);
    }

    [Fact]
    public async Task An_invoke_answers_the_bots_status_and_body()
    {
        var bot = new DelegateBot((turn, _) =>
        {
            turn.InvokeResponse = InvokeResponse.Create(200, new { statusCode = 200, type = "application/vnd.microsoft.activity.message", value = "Escalated." });
            return Task.CompletedTask;
        });
        var harness = new ProcessorHarness(bot);

        var result = await harness.Processor.ProcessAsync(Invoke(), AzureChannel, CancellationToken.None);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal("Escalated.", JsonDocument.Parse(result.BodyJson!).RootElement.GetProperty("value").GetString());
    }

    [Fact]
    public async Task An_invoke_response_without_body_answers_only_the_status()
    {
        var harness = new ProcessorHarness(new DelegateBot((turn, _) => { turn.InvokeResponse = new InvokeResponse(202); return Task.CompletedTask; }));

        var result = await harness.Processor.ProcessAsync(Invoke(), AzureChannel, CancellationToken.None);

        Assert.Equal(new TurnResult(202, null), result);
    }

    [Fact]
    public async Task The_callerId_comes_from_the_identity_not_from_the_wire()
    {
        string? seen = "unset";
        var harness = new ProcessorHarness(new DelegateBot((turn, _) => { seen = turn.Activity.CallerId; return Task.CompletedTask; }));
        var forged = WebChatMessage();
        forged.CallerId = "urn:botframework:aadappid:attacker";

        await harness.Processor.ProcessAsync(forged, AzureChannel, CancellationToken.None);
        Assert.Equal(CallerIdConstants.PublicAzureChannel, seen);

        var anonymous = WebChatMessage();
        anonymous.Id = "another-id";
        anonymous.CallerId = "urn:botframework:azure";
        await harness.Processor.ProcessAsync(anonymous, ChannelIdentity.Anonymous, CancellationToken.None);
        Assert.Null(seen);
    }

    [Fact]
    public async Task The_identity_reaches_the_bot()
    {
        ChannelIdentity? seen = null;
        var harness = new ProcessorHarness(new DelegateBot((turn, _) => { seen = turn.Identity; return Task.CompletedTask; }));

        await harness.Processor.ProcessAsync(WebChatMessage(), AzureChannel, CancellationToken.None);

        Assert.Same(AzureChannel, seen);
    }

    [Fact]
    public async Task A_bot_failure_answers_500_with_a_short_JSON_error_and_no_exception_text()
    {
        var harness = new ProcessorHarness(new DelegateBot((_, _) => throw new InvalidOperationException("secret connection string")));

        var result = await harness.Processor.ProcessAsync(WebChatMessage(), AzureChannel, CancellationToken.None);

        Assert.Equal(500, result.StatusCode);
        var error = ActivityJson.Deserialize<ErrorResponse>(result.BodyJson!)!.Error!;
        Assert.Equal("BotError", error.Code);
        Assert.DoesNotContain("secret", result.BodyJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_bot_failure_the_channels_retry_is_processed_again()
    {
        var attempts = 0;
        var bot = new DelegateBot(async (turn, ct) =>
        {
            if (++attempts == 1)
            {
                throw new InvalidOperationException("transient");
            }

            await turn.SendActivityAsync("second time lucky", ct);
        });
        var harness = new ProcessorHarness(bot);

        var first = await harness.Processor.ProcessAsync(WebChatMessage(), AzureChannel, CancellationToken.None);
        var retry = await harness.Processor.ProcessAsync(WebChatMessage(), AzureChannel, CancellationToken.None);

        Assert.Equal(500, first.StatusCode);
        Assert.Equal(200, retry.StatusCode);
        Assert.Equal(2, bot.Turns);
        Assert.Equal("second time lucky", Assert.Single(harness.Connector.Calls).Activity!.Text);
    }

    [Fact]
    public async Task A_connector_failure_fails_the_turn_with_500()
    {
        var harness = new ProcessorHarness(DelegateBot.Echo());
        harness.Connector.FailWith = new CareBot.Protocol.Connector.ConnectorException("unreachable", null, isTransient: true);

        var result = await harness.Processor.ProcessAsync(WebChatMessage(), AzureChannel, CancellationToken.None);

        Assert.Equal(500, result.StatusCode);
    }

    [Fact]
    public async Task Cancellation_propagates_instead_of_answering_500()
    {
        using var cancellation = new CancellationTokenSource();
        var harness = new ProcessorHarness(new DelegateBot(async (_, ct) =>
        {
            await cancellation.CancelAsync();
            ct.ThrowIfCancellationRequested();
        }));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Processor.ProcessAsync(WebChatMessage(), AzureChannel, cancellation.Token));
    }

    [Fact]
    public async Task A_turn_broken_by_a_storage_outage_answers_503_with_retry_after_and_its_retry_is_processed()
    {
        var storageDown = true;
        var bot = new DelegateBot((_, _) => storageDown ? throw new IOException("database is locked") : Task.CompletedTask);
        var harness = new ProcessorHarness(bot, storageFailures: new IoFailuresAreOutages());
        var activity = new Activity { Type = ActivityTypes.Message, Id = "outage-1", ChannelId = "test", Conversation = new ConversationAccount("c1"), Text = "hi" };

        var refused = await harness.Processor.ProcessAsync(activity, ChannelIdentity.Anonymous, CancellationToken.None);
        storageDown = false;
        var retried = await harness.Processor.ProcessAsync(activity, ChannelIdentity.Anonymous, CancellationToken.None);

        Assert.Equal(503, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), refused.RetryAfter);
        Assert.Equal("StorageUnavailable", ActivityJson.Deserialize<ErrorResponse>(refused.BodyJson!)!.Error!.Code);
        Assert.Equal(200, retried.StatusCode);
        Assert.Equal(2, bot.Turns);
    }

    [Fact]
    public async Task A_failure_the_classifier_does_not_recognise_stays_a_500()
    {
        var harness = new ProcessorHarness(new DelegateBot((_, _) => throw new InvalidOperationException("a bug")), storageFailures: new IoFailuresAreOutages());
        var activity = new Activity { Type = ActivityTypes.Message, Id = "bug-1", ChannelId = "test", Conversation = new ConversationAccount("c1"), Text = "hi" };

        var answer = await harness.Processor.ProcessAsync(activity, ChannelIdentity.Anonymous, CancellationToken.None);

        Assert.Equal(500, answer.StatusCode);
        Assert.Null(answer.RetryAfter);
    }

    private sealed class IoFailuresAreOutages : IStorageFailureClassifier
    {
        public bool IsUnavailable(Exception exception, out TimeSpan retryAfter)
        {
            retryAfter = TimeSpan.FromSeconds(3);
            return exception is IOException;
        }
    }
}
