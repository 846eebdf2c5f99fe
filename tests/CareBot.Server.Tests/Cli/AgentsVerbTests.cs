using CareBot.Testing.Repository;

namespace CareBot.Server.Tests.Cli;

/// <summary>The <c>agents</c> verb run as a real process against its own SQLite file, as an administrator would.</summary>
public sealed class AgentsVerbTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("carebot-agents-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    private string Database => "--Storage:SqlitePath=" + Path.Combine(scratch, "carebot.db");

    private Task<CliProcess.Result> Agents(string? stdin, params string[] args) =>
        CliProcess.RunAsync(scratch, stdin, ["agents", .. args, Database]);

    [Fact]
    public async Task Add_takes_the_password_from_stdin_and_list_shows_the_account()
    {
        var added = await Agents("correct horse battery\n", "add", "Ana", "--role", "agent", "--queues", "care,billing", "--display-name", "Ana Lima");
        var listed = await Agents(null, "list");

        Assert.True(added.ExitCode == 0, added.Stdout + added.Stderr);
        Assert.Contains("Added 'ana'", added.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("correct horse", added.Stdout + added.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, listed.ExitCode);
        Assert.Matches(@"ana\s+Ana Lima\s+agent\s+care,billing\s+active", listed.Stdout);
    }

    [Fact]
    public async Task An_e_mail_address_is_given_at_add_changed_with_email_removed_with_none_and_shown_in_list()
    {
        var added = await Agents("correct horse battery\n", "add", "ana", "--role", "agent", "--queues", "care", "--email", "ana@example.com");
        await Agents("correct horse battery\n", "add", "ben", "--role", "agent", "--queues", "care");
        var listedAtAdd = await Agents(null, "list");
        var set = await Agents(null, "email", "ben", "ben@example.org");
        var removed = await Agents(null, "email", "ana", "none");
        var bad = await Agents(null, "email", "ben", "Ben <ben@example.org>");
        var badAtAdd = await Agents("correct horse battery\n", "add", "cy", "--role", "agent", "--queues", "care", "--email", "cy at example");
        var unknown = await Agents(null, "email", "nobody", "x@example.com");
        var listed = await Agents(null, "list");

        Assert.True(added.ExitCode == 0, added.Stdout + added.Stderr);
        Assert.Matches(@"ana\s+ana\s+agent\s+care\s+active\s+ana@example\.com", listedAtAdd.Stdout);
        Assert.Equal((0, 0), (set.ExitCode, removed.ExitCode));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("not usable", bad.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, badAtAdd.ExitCode);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Matches(@"ana\s+ana\s+agent\s+care\s+active\s+-", listed.Stdout);
        Assert.Matches(@"ben\s+ben\s+agent\s+care\s+active\s+ben@example\.org", listed.Stdout);
        Assert.DoesNotContain("cy ", listed.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_without_accounts_says_how_to_add_one()
    {
        var listed = await Agents(null, "list");

        Assert.Equal(0, listed.ExitCode);
        Assert.Contains("agents add ana --role agent --queues care", listed.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_name_a_short_password_and_a_bad_role_are_refused()
    {
        await Agents("correct horse battery\n", "add", "ana", "--role", "agent", "--queues", "care");

        var taken = await Agents("another long password\n", "add", "ana", "--role", "admin", "--queues", "care");
        var shortPassword = await Agents("short\n", "add", "bob", "--role", "agent", "--queues", "care");
        var badRole = await Agents("correct horse battery\n", "add", "cy", "--role", "boss", "--queues", "care");
        var noQueues = await Agents("correct horse battery\n", "add", "di", "--role", "agent");
        var listed = await Agents(null, "list");

        Assert.Equal(1, taken.ExitCode);
        Assert.Contains("already exists", taken.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, shortPassword.ExitCode);
        Assert.Contains("at least 10 characters", shortPassword.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, badRole.ExitCode);
        Assert.Contains("'boss'", badRole.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, noQueues.ExitCode);
        Assert.Matches(@"ana\s+ana\s+agent", listed.Stdout);
        Assert.DoesNotContain("bob", listed.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("cy ", listed.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disable_enable_and_passwd_change_the_account_and_an_unknown_name_fails()
    {
        await Agents("correct horse battery\n", "add", "ana", "--role", "supervisor", "--queues", "care");

        var disabled = await Agents(null, "disable", "ana");
        var listedDisabled = await Agents(null, "list");
        var enabled = await Agents(null, "enable", "ana");
        var passwd = await Agents("a brand new password\n", "passwd", "ana");
        var unknown = await Agents(null, "disable", "nobody");
        var listed = await Agents(null, "list");

        Assert.Equal(0, disabled.ExitCode);
        Assert.Matches(@"ana\s+ana\s+supervisor\s+care\s+disabled", listedDisabled.Stdout);
        Assert.Equal(0, enabled.ExitCode);
        Assert.True(passwd.ExitCode == 0, passwd.Stderr);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no account 'nobody'", unknown.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"ana\s+ana\s+supervisor\s+care\s+active", listed.Stdout);
    }

    [Fact]
    public async Task The_first_start_without_accounts_says_how_to_create_one()
    {
        var start = CliProcess.StartInfo(RepositoryRoot.Path, ["serve", "--urls=http://127.0.0.1:0", Database]);
        using var process = System.Diagnostics.Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var seen = new System.Text.StringBuilder();
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                seen.AppendLine(line);
                if (line.Contains("agents add", StringComparison.Ordinal) || line.Contains("Now listening", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        Assert.Contains("has no accounts yet", seen.ToString(), StringComparison.Ordinal);
        Assert.Contains("agents add NAME --role admin --queues care", seen.ToString(), StringComparison.Ordinal);
    }
}
