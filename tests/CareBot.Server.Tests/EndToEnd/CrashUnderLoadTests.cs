using CareBot.Server.Cli.Chaos;
using CareBot.Server.Tests.Hosting;
using CareBot.Testing.Repository;
using Xunit.Abstractions;

namespace CareBot.Server.Tests.EndToEnd;

/// <summary>
/// A crash loses nothing from the customer's side: 16 customers go from a public complaint through the private chat to a
/// hand-off while a real server process is killed (SIGKILL) a third of the way through and restarted on the same data
/// and port; the channel posts every unanswered activity again with the same id. Every customer reaches the hand-off,
/// every message the bot acknowledged is on the case exactly once, one case and one notification per customer, no bot
/// message twice under different ids (only a proactive message caught by the kill between its send and its bookkeeping
/// is sent again, with the same id, so the channel can drop it), and no redelivery is refused for a claim the killed
/// process left behind. The run is the operator's <c>chaos</c> verb (<see cref="ChaosRun"/>), so what an operator's run
/// prints is what these tests assert.
/// </summary>
public sealed class CrashUnderLoadTests(ITestOutputHelper output)
{
    // 16 unless an operator's run asks for more.
    private static readonly int Customers =
        int.TryParse(Environment.GetEnvironmentVariable("CAREBOT_CHAOS_CUSTOMERS"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var customers) && customers > 0 ? customers : 16;

    [Fact]
    public Task On_SQLite_every_customer_reaches_the_hand_off_across_a_kill_and_restart() =>
        RunAsync(new ChaosSettings { Customers = Customers });

    [Fact]
    public Task On_PostgreSQL_every_customer_reaches_the_hand_off_across_a_kill_and_restart() =>
        RunAsync(new ChaosSettings { Customers = Customers, PostgresConnectionString = PostgresServer(), Instances = 1 });

    /// <summary>
    /// The chaos run of a scaled-out deployment: two instances on one PostgreSQL behind a round-robin balancer (each post
    /// and each repeat goes to the next instance); one is killed mid-load and restarted while the other serves on. Emails
    /// go to the real SMTP server test.sh starts, and are counted where they arrive.
    /// </summary>
    [Fact]
    public Task On_PostgreSQL_with_two_instances_every_customer_reaches_the_hand_off_across_a_kill_and_restart_of_one()
    {
        var smtp = TestMailServer.FromEnvironment();
        return RunAsync(new ChaosSettings
        {
            Customers = Customers,
            PostgresConnectionString = PostgresServer(),
            Instances = 2,
            SmtpServer = $"{smtp.Host}:{smtp.Port}",
            Maildir = smtp.Maildir,
        });
    }

    private async Task RunAsync(ChaosSettings settings)
    {
        using var progress = new StringWriter();
        var report = await new ChaosRun(settings with { DialogsPath = RepositoryRoot.Combine("dialogs") }, progress).RunAsync(CancellationToken.None);
        report.Write(progress);
        output.WriteLine(progress.ToString());

        Assert.True(report.Held, string.Join(Environment.NewLine, report.Violations));
        Assert.Equal(Customers, report.Cases);
        Assert.Equal(Customers, report.Notifications);
        Assert.Equal(Customers * 5, report.Acknowledged);
    }

    /// <summary>The PostgreSQL server test.sh starts; the run creates its own database there.</summary>
    private static string PostgresServer() =>
        Environment.GetEnvironmentVariable("CAREBOT_TEST_POSTGRES") is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException("CAREBOT_TEST_POSTGRES is not set: run the PostgreSQL tests through ./test.sh, which starts a server.");
}
