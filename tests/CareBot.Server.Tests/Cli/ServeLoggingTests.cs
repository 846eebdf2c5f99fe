using CareBot.Server.Tests.EndToEnd;
using CareBot.Server.Tests.Hosting;

namespace CareBot.Server.Tests.Cli;

/// <summary>
/// `serve` honours the configured log levels: with <c>Logging:LogLevel:Default=Warning</c> a turn prints no Debug or
/// Information lines (before, serve's own start-up filter let every level through, and each turn paid for console
/// lines nobody asked for).
/// </summary>
public sealed class ServeLoggingTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("carebot-serve-log-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public async Task Serve_with_default_level_warning_prints_no_debug_or_information_lines_for_a_turn()
    {
        // (Microsoft.Hosting.Lifetime stays at Information: the harness reads its "Now listening on" line.)
        await using var server = await ServerProcess.StartAsync(ServerProcess.Arguments(scratch, "--Logging:LogLevel:Default=Warning"));

        await server.ExchangeAsync(Activities.Message("Hello, my order AB-1 is late", Activities.UnusedServiceUrl, "serve-log-1"));

        Assert.DoesNotContain("dbug:", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("info: CareBot.", server.Output, StringComparison.Ordinal);
    }
}
