using System.Collections.Concurrent;
using System.Diagnostics;
using CareBot.Protocol.Diagnostics;
using CareBot.Server.Tests.Hosting;

namespace CareBot.Server.Tests.Observability;

/// <summary>The spans a turn produces on the <c>CareBot</c> activity source, seen by an in-process listener.</summary>
public sealed class TracingTests
{
    [Fact]
    public async Task A_message_turn_is_one_span_with_triage_dialog_step_and_commit_children()
    {
        var stopped = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CareBotTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await using var server = await CareBotTestServer.StartAsync();
        var channel = "tracing-" + Guid.NewGuid().ToString("N")[..8];

        await server.ExchangeAsync(Activities.Message("my order never arrived", Activities.UnusedServiceUrl, "conv-tracing", channelId: channel));

        var turn = Assert.Single(stopped, span => span.OperationName == "turn" && (string?)span.GetTagItem("carebot.channel") == channel);
        var children = stopped.Where(span => span.ParentSpanId == turn.SpanId).Select(span => span.OperationName).ToList();
        Assert.Contains("triage", children);
        Assert.Contains("dialog step", children);
        Assert.Contains("commit", children);
        Assert.Equal(200, turn.GetTagItem("http.response.status_code"));
    }
}
