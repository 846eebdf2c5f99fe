using CareBot.Testing.Repository;
using CareBot.Server.Tests.DirectLine;
using CareBot.Testing.Turns;
using Xunit.Abstractions;

namespace CareBot.Server.Tests.DirectLineJs;

/// <summary>
/// Microsoft's botframework-directlinejs (the client inside Web Chat) against the built-in Direct Line channel: the Node
/// script <c>directline.test.mjs</c> beside this file starts conversations, sends, and receives over the WebSocket and
/// by polling with watermarks (in pages of three), reconnects, and catches up a long conversation in several frames. Needs Node 20 and npm (the packages are installed from the lock file).
/// </summary>
public sealed class DirectLineJsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task DirectLineJs_talks_to_the_built_in_channel_over_websocket_and_polling()
    {
        var scriptDirectory = Path.Combine(RepositoryRoot.Path, "tests", "CareBot.Server.Tests", "DirectLineJs");
        if (!Directory.Exists(Path.Combine(scriptDirectory, "node_modules", "botframework-directlinejs")))
        {
            var (installCode, installOutput) = await ProcessRunner.RunAsync("npm", "ci --no-audit --no-fund", scriptDirectory, null, TimeSpan.FromMinutes(5));
            Assert.True(installCode == 0, "npm ci failed:\n" + installOutput);
        }

        // Small pages, so polling and a new socket's catch-up both take several frames, as a long conversation would.
        await using var server = await DirectLineServer.StartAsync(DelegateBot.Echo(), new Dictionary<string, string?> { ["DirectLine:MaxActivitiesPerPage"] = "3" });
        var environment = new Dictionary<string, string>
        {
            ["CAREBOT_DL_DOMAIN"] = new Uri(server.BaseAddress, "v3/directline").ToString(),
            ["CAREBOT_DL_SECRET"] = DirectLineServer.Secret,
        };

        var (exitCode, nodeOutput) = await ProcessRunner.RunAsync("node", "--test --test-force-exit --test-reporter=spec directline.test.mjs", scriptDirectory, environment, TimeSpan.FromMinutes(2));

        output.WriteLine(nodeOutput);
        Assert.True(exitCode == 0, "The DirectLineJS test failed:\n" + nodeOutput);
        Assert.Contains("pass 5", nodeOutput, StringComparison.Ordinal);
    }
}
