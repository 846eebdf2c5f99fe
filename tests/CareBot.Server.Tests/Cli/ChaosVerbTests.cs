using System.Diagnostics;
using CareBot.Server.Cli;
using CareBot.Server.Tests.EndToEnd;
using CareBot.Testing.Repository;

namespace CareBot.Server.Tests.Cli;

/// <summary>
/// The <c>chaos</c> verb run as a real process, as an operator would, on the PostgreSQL and SMTP servers test.sh starts:
/// a small run prints its figures and exits 0 when every invariant held. (The invariants themselves are asserted at 16
/// customers by CrashUnderLoadTests, which run the same code.)
/// </summary>
public sealed class ChaosVerbTests
{
    [Fact]
    public async Task A_small_run_on_two_instances_prints_the_figures_and_exits_0_when_every_invariant_held()
    {
        var postgres = Environment.GetEnvironmentVariable("CAREBOT_TEST_POSTGRES");
        Assert.False(string.IsNullOrEmpty(postgres), "CAREBOT_TEST_POSTGRES is not set: run this test through ./test.sh.");
        var smtp = TestMailServer.FromEnvironment();

        var run = await RunAsync("chaos", "--customers", "3", "--postgres", postgres!, "--smtp", $"{smtp.Host}:{smtp.Port}", "--maildir", smtp.Maildir);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("chaos: 3 customers, 2 instance(s) on PostgreSQL", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("messages acknowledged: 15 in", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("cases: 3; agent notifications received: 3", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("every invariant held", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--customers", "0")]
    [InlineData("--customers", "many")]
    [InlineData("--instances", "3")]
    [InlineData("--smtp", "127.0.0.1:2525")] // without --maildir the emails could not be counted
    [InlineData("--bogus", "1")]
    public async Task Arguments_it_cannot_run_with_exit_2_with_the_usage(string option, string value)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await ChaosCommand.RunAsync([option, value], output, error, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.Contains("usage: chaos", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }

    /// <summary>
    /// Runs the verb to its end. Not CliProcess.RunAsync: its 90 s bound is too short for three server starts on a busy CI
    /// machine (a restart alone took 27 s there); the run's own guard ends it before this bound does.
    /// </summary>
    private static async Task<CliProcess.Result> RunAsync(params string[] args)
    {
        using var process = Process.Start(CliProcess.StartInfo(RepositoryRoot.Path, args)) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"carebot {string.Join(' ', args)} did not finish in 5 minutes. Output so far: {await stdout}{await stderr}");
        }

        return new CliProcess.Result(process.ExitCode, await stdout, await stderr);
    }
}
