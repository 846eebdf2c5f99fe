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
}
