using System.Collections.Concurrent;
using CareBot.Server.Tests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Server.Tests.Observability;

/// <summary>OTLP export to a collector: a tiny OTLP/HTTP receiver on 127.0.0.1 stands in for it.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task With_an_OTLP_endpoint_the_turns_traces_and_metrics_reach_the_collector()
    {
        var received = new ConcurrentBag<(string Signal, long Bytes)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var collector = builder.Build();
        collector.MapPost("/v1/{signal}", async (HttpContext context, string signal) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            received.Add((signal, body.Length));
            return Results.Ok();
        });
        await collector.StartAsync();
        var collectorAddress = collector.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();

        var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["OpenTelemetry:Otlp:Endpoint"] = collectorAddress,
            ["OpenTelemetry:Otlp:Protocol"] = "HttpProtobuf",
        });
        await server.ExchangeAsync(Activities.Message("hello", Activities.UnusedServiceUrl, "conv-otlp", channelId: "otlp-test"));
        await server.DisposeAsync(); // stopping flushes what the exporters still hold

        Assert.Contains(received, post => post.Signal == "traces" && post.Bytes > 0);
        Assert.Contains(received, post => post.Signal == "metrics" && post.Bytes > 0);
    }

    [Fact]
    public async Task The_collector_receives_the_turn_span_with_its_triage_dialog_step_and_commit_children()
    {
        var traces = new ConcurrentBag<byte[]>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var collector = builder.Build();
        collector.MapPost("/v1/{signal}", async (HttpContext context, string signal) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            if (signal == "traces")
            {
                traces.Add(body.ToArray());
            }

            return Results.Ok();
        });
        await collector.StartAsync();
        var collectorAddress = collector.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var channel = "otlp-spans-" + Guid.NewGuid().ToString("N")[..8];

        var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["OpenTelemetry:Otlp:Endpoint"] = collectorAddress,
            ["OpenTelemetry:Otlp:Protocol"] = "HttpProtobuf",
        });
        await server.ExchangeAsync(Activities.Message("my order never arrived", Activities.UnusedServiceUrl, "conv-otlp-spans", channelId: channel));
        await server.DisposeAsync(); // stopping flushes the batched spans

        var spans = traces.SelectMany(OtlpSpans.Read).ToList();
        var turn = Assert.Single(spans, span => span.Name == "turn" && span.Attributes.GetValueOrDefault("carebot.channel") == channel);
        var children = spans.Where(span => span.ParentSpanId == turn.SpanId).Select(span => span.Name).ToList();
        Assert.Contains("triage", children);
        Assert.Contains("dialog step", children);
        Assert.Contains("commit", children);
    }
}
