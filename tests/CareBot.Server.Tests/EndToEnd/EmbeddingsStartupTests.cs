using System.Net;
using CareBot.Server.Tests.Hosting;

namespace CareBot.Server.Tests.EndToEnd;

/// <summary>
/// The MiniLM second stage as the server runs it by default: the process answers at once and loads the encoder in the
/// background, so the first customer whose message needs it does not wait for the load. (Other server tests turn the
/// stage off: every process would load ≈ 300 MB.)
/// </summary>
public sealed class EmbeddingsStartupTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("carebot-embeddings-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public async Task The_server_is_ready_at_once_and_loads_MiniLM_in_the_background_before_any_message()
    {
        // The last value of a key wins: this undoes the "off" of ServerProcess.Arguments, giving the shipped default.
        await using var server = await ServerProcess.StartAsync(ServerProcess.Arguments(scratch, "--Triage:Embeddings:Enabled=true"));

        using var health = await server.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!server.Output.Contains("MiniLM encoder loaded", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Contains("MiniLM encoder loaded", server.Output, StringComparison.Ordinal);
        Assert.Contains("[0.05, 0.4)", server.Output, StringComparison.Ordinal);
    }
}
