using CareBot.Protocol.Auth;
using CareBot.Protocol.Schema;
using CareBot.Protocol.Turns;
using CareBot.Testing.Turns;

namespace CareBot.Protocol.Tests.Turns;

public sealed class TurnPipelineTests
{
    private static TurnContext Context() => new(
        new Activity { Type = ActivityTypes.Message, Text = "hi", ChannelId = "test", Conversation = new ConversationAccount("c1"), ServiceUrl = "http://127.0.0.1:1/" },
        ChannelIdentity.Anonymous,
        new RecordingConnectorClient());

    [Fact]
    public async Task Middleware_runs_in_registration_order_around_the_bot()
    {
        var log = new List<string>();
        var pipeline = new TurnPipeline(
            [new RecordingMiddleware("first", log), new RecordingMiddleware("second", log)],
            new DelegateBot((_, _) => { log.Add("bot"); return Task.CompletedTask; }));

        await pipeline.RunAsync(Context(), CancellationToken.None);

        Assert.Equal(["first:before", "second:before", "bot", "second:after", "first:after"], log);
    }

    [Fact]
    public async Task A_middleware_that_does_not_call_next_ends_the_turn()
    {
        var bot = new DelegateBot((_, _) => Task.CompletedTask);
        var pipeline = new TurnPipeline([new ShortCircuit()], bot);

        await pipeline.RunAsync(Context(), CancellationToken.None);

        Assert.Equal(0, bot.Turns);
    }

    [Fact]
    public async Task A_bot_failure_propagates_through_the_middleware()
    {
        var log = new List<string>();
        var pipeline = new TurnPipeline([new RecordingMiddleware("only", log)], new DelegateBot((_, _) => throw new InvalidOperationException("boom")));

        await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.RunAsync(Context(), CancellationToken.None));

        Assert.Equal(["only:before"], log);
    }

    private sealed class RecordingMiddleware(string name, List<string> log) : ITurnMiddleware
    {
        public async Task OnTurnAsync(TurnContext turnContext, Func<CancellationToken, Task> nextAsync, CancellationToken cancellationToken)
        {
            log.Add(name + ":before");
            await nextAsync(cancellationToken);
            log.Add(name + ":after");
        }
    }

    private sealed class ShortCircuit : ITurnMiddleware
    {
        public Task OnTurnAsync(TurnContext turnContext, Func<CancellationToken, Task> nextAsync, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
