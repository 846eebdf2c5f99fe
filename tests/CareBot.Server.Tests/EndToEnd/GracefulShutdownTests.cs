using System.Net;
using CareBot.Server.Health;
using CareBot.Server.Tests.Hosting;
using Xunit.Abstractions;

namespace CareBot.Server.Tests.EndToEnd;

/// <summary>
/// SIGTERM, as an orchestrator or a rolling deploy sends it, to the real server process: readiness answers 503 at once,
/// the server goes on serving through its drain delay (turns in flight and new ones get their replies), then exits
/// with code 0 by itself.
/// </summary>
public sealed class GracefulShutdownTests(ITestOutputHelper output) : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("carebot-sigterm-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public async Task On_SIGTERM_readiness_turns_503_first_turns_in_flight_and_during_the_drain_get_replies_and_the_process_exits_0()
    {
        await using var server = await ServerProcess.StartAsync(ServerProcess.Arguments(scratch, "--Health:ShutdownDrainDelay=00:00:08"));
        var inFlight = Enumerable.Range(1, 8)
            .Select(n => server.ExchangeAsync(Activities.Message($"Hello, order AB-{n} is late", Activities.UnusedServiceUrl, $"sigterm-{n}")))
            .ToArray();

        server.Terminate();
        try
        {
            await ShutsDownGracefullyAsync(server, inFlight);
        }
        finally
        {
            output.WriteLine(server.Output);
        }
    }

    private static async Task ShutsDownGracefullyAsync(ServerProcess server, Task<IList<CareBot.Protocol.Schema.Activity>>[] inFlight)
    {

        await WaitForStoppingAsync(server);
        var duringDrain = await server.ExchangeAsync(Activities.Message("Are you still there?", Activities.UnusedServiceUrl, "sigterm-drain"));
        Assert.NotEmpty(duringDrain);
        foreach (var replies in await Task.WhenAll(inFlight))
        {
            Assert.NotEmpty(replies);
        }

        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    private static async Task WaitForStoppingAsync(ServerProcess server)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(2); // well inside the 8 s drain (3 s was too close on a loaded CI machine)
        while (true)
        {
            using var ready = await server.Client.GetAsync("/healthz/ready");
            var body = await ready.Content.ReadAsStringAsync();
            if (ready.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.Contains("\"stopping\"", body, StringComparison.Ordinal);
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Readiness still answers {(int)ready.StatusCode} {body} after SIGTERM.");
            await Task.Delay(50);
        }
    }
}
