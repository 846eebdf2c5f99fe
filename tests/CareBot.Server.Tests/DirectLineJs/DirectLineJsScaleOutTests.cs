using CareBot.Server.Tests.DirectLine;
using CareBot.Server.Tests.Hosting;
using CareBot.Testing.Repository;
using Xunit.Abstractions;

namespace CareBot.Server.Tests.DirectLineJs;

/// <summary>
/// botframework-directlinejs through a round-robin proxy (no session affinity) over two real CareBot processes on one
/// PostgreSQL: the Node script <c>scaleout.test.mjs</c> completes the whole care flow over the WebSocket and by polling,
/// every request landing on the next instance. Needs Node 20 and npm (the packages are installed from the lock file).
/// </summary>
public sealed class DirectLineJsScaleOutTests(ITestOutputHelper output) : IDisposable
{
    private const string Secret = "scale-out-direct-line-secret";

    private readonly string scratch = Directory.CreateTempSubdirectory("carebot-dljs-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public async Task DirectLineJs_completes_the_care_flow_with_requests_alternating_between_two_instances()
    {
        var scriptDirectory = Path.Combine(RepositoryRoot.Path, "tests", "CareBot.Server.Tests", "DirectLineJs");
        if (!Directory.Exists(Path.Combine(scriptDirectory, "node_modules", "botframework-directlinejs")))
        {
            var (installCode, installOutput) = await ProcessRunner.RunAsync("npm", "ci --no-audit --no-fund", scriptDirectory, null, TimeSpan.FromMinutes(5));
            Assert.True(installCode == 0, "npm ci failed:\n" + installOutput);
        }

        await using var database = await TestPostgresDatabase.CreateAsync();
        string[] arguments = ServerProcess.Arguments(
            scratch, $"--ConnectionStrings:Postgres={database.ConnectionString}", $"--DirectLine:Secret={Secret}", "--Logging:LogLevel:Default=Warning");
        await using var a = await ServerProcess.StartAsync(arguments);
        await using var b = await ServerProcess.StartAsync(arguments);
        var environment = new Dictionary<string, string>
        {
            ["CAREBOT_DL_TARGETS"] = $"{a.BaseAddress.ToString().TrimEnd('/')},{b.BaseAddress.ToString().TrimEnd('/')}",
            ["CAREBOT_DL_SECRET"] = Secret,
        };

        var (exitCode, nodeOutput) = await ProcessRunner.RunAsync("node", "--test --test-force-exit --test-reporter=spec scaleout.test.mjs", scriptDirectory, environment, TimeSpan.FromMinutes(3));

        output.WriteLine(nodeOutput);
        Assert.True(exitCode == 0, "The DirectLineJS scale-out test failed:\n" + nodeOutput + "\nA:\n" + a.Output + "\nB:\n" + b.Output);
        Assert.Contains("pass 1", nodeOutput, StringComparison.Ordinal);
    }
}
