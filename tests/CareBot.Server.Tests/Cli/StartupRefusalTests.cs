using System.Net;
using System.Net.Sockets;
using CareBot.Server.Tests.Hosting;
using CareBot.Testing.Repository;

namespace CareBot.Server.Tests.Cli;

/// <summary>
/// The server as an operator starts it: a bad configuration ends the process with exit code 1 and one line per problem on
/// stderr that names the setting or file, with no stack trace unless <c>--verbose</c>; the common legacy configuration
/// (app id and password, no app type) starts; auth off is refused on a non-loopback address.
/// </summary>
public sealed class StartupRefusalTests : IDisposable
{
    private const string StackFrame = "   at ";
    private readonly string scratch = Directory.CreateTempSubdirectory("carebot-refusal-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public async Task An_app_id_and_password_without_an_app_type_start_as_multi_tenant()
    {
        // Both metadata and token endpoints point at a closed loopback port: the start must not need them.
        await using var server = await ServerProcess.StartAsync(ServerProcess.Arguments(
            scratch,
            "--MicrosoftAppId=6d1e4f32-0000-4000-8000-0000000000aa",
            "--MicrosoftAppPassword=legacy-secret",
            "--BotFrameworkAuthentication:ChannelOpenIdMetadataUrl=http://127.0.0.1:9/openid",
            "--BotFrameworkAuthentication:TokenAuthority=https://127.0.0.1:9/botframework.com"));

        using var health = await server.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("MultiTenant", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_setting_prints_one_line_naming_it_and_exits_with_1()
    {
        var result = await ServeAsync(
            "--MicrosoftAppType=SingleTenant", "--MicrosoftAppId=6d1e4f32-0000-4000-8000-0000000000aa", "--MicrosoftAppPassword=secret");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(ProblemLines(result.Stderr));
        Assert.Contains("MicrosoftAppTenantId", line, StringComparison.Ordinal);
        Assert.DoesNotContain(StackFrame, result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_verbose_the_stack_trace_is_printed_too()
    {
        var result = await ServeAsync(
            "--verbose", "--MicrosoftAppType=SingleTenant", "--MicrosoftAppId=6d1e4f32-0000-4000-8000-0000000000aa", "--MicrosoftAppPassword=secret");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("MicrosoftAppTenantId", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(StackFrame, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_sla_written_as_one_value_or_a_misspelled_priority_prints_one_line_each_naming_it_and_exits_with_1()
    {
        var result = await ServeAsync("--Cases:Sla:High=soon", "--Cases:Sla:Hihg:FirstResponse=01:00:00");

        Assert.Equal(1, result.ExitCode);
        var lines = ProblemLines(result.Stderr);
        Assert.Equal(2, lines.Count);
        Assert.Contains(lines, l => l.Contains("Cases:Sla:High: 'soon' is not a target", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Cases:Sla:Hihg: not a priority", StringComparison.Ordinal));
        Assert.DoesNotContain(StackFrame, result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_triage_cue_file_prints_its_file_line_and_column_and_exits_with_1()
    {
        var cues = Path.Combine(scratch, "triage.yaml");
        await File.WriteAllTextAsync(cues, "complaint:\n  - name: broken\n    patterns: ['(unclosed']\n");

        var result = await ServeAsync($"--Triage:CuesPath={cues}");

        Assert.Equal(1, result.ExitCode);
        Assert.All(ProblemLines(result.Stderr), line => Assert.Matches(@"triage\.yaml\(\d+,\d+\)", line));
        Assert.NotEmpty(ProblemLines(result.Stderr));
        Assert.DoesNotContain(StackFrame, result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_dialog_script_prints_its_file_line_and_column_and_exits_with_1()
    {
        var dialogs = Directory.CreateDirectory(Path.Combine(scratch, "dialogs")).FullName;
        await File.WriteAllTextAsync(Path.Combine(dialogs, "care.yaml"), "dialog: care\nstart: nowhere\nnodes:\n  - id: hello\n    say: hi\n");

        var result = await ServeAsync($"--CareBot:DialogsPath={dialogs}");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(ProblemLines(result.Stderr), line => System.Text.RegularExpressions.Regex.IsMatch(line, @"care\.yaml:\d+:\d+: error DLG\d+"));
        Assert.DoesNotContain(StackFrame, result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_postgres_names_the_connection_string_setting_and_exits_with_1()
    {
        var result = await ServeAsync($"--ConnectionStrings:Postgres=Host=127.0.0.1;Port={ClosedPort()};Username=carebot;Password=secret;Database=carebot;Timeout=5");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(ProblemLines(result.Stderr));
        Assert.Contains("ConnectionStrings:Postgres", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(StackFrame, result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auth_off_on_a_non_loopback_address_is_refused()
    {
        var result = await ServeAsync("--urls=http://0.0.0.0:0");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(ProblemLines(result.Stderr));
        Assert.Contains("Bot:AllowUnauthenticatedRemote", line, StringComparison.Ordinal);
        Assert.Contains("any URL", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auth_off_on_a_non_loopback_address_starts_when_explicitly_allowed()
    {
        var args = ServerProcess.Arguments(scratch, "--Bot:AllowUnauthenticatedRemote=true").Select(a => a.StartsWith("--urls=", StringComparison.Ordinal) ? "--urls=http://0.0.0.0:0" : a).ToArray();

        await using var server = await ServerProcess.StartAsync(args);

        using var health = await server.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private Task<CliProcess.Result> ServeAsync(params string[] settings)
    {
        // Later switches win: a test's --urls replaces the default one.
        return CliProcess.RunAsync(RepositoryRoot.Path, null, ServerProcess.Arguments(scratch, settings));
    }

    // The problem lines, without the closing "not started" hint.
    private static List<string> ProblemLines(string stderr) =>
        [.. stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith("carebot: ", StringComparison.Ordinal) && !l.StartsWith("carebot: not started", StringComparison.Ordinal))];

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
