using System.Text.Json;
using CareBot.Testing.Repository;

namespace CareBot.Server.Tests.Cli;

/// <summary>The executable's verbs, run as real processes from the repository root like the README shows.</summary>
public sealed class VerbTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("carebot-cli-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public async Task Validate_accepts_the_shipped_dialogs()
    {
        var result = await CliProcess.RunAsync(RepositoryRoot.Path, null, "validate");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("valid", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("care@", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_reports_file_line_and_column_and_fails()
    {
        await File.WriteAllTextAsync(Path.Combine(scratch, "broken.yaml"), """
            dialog: broken
            start: hello
            nodes:
              - id: hello
                say: "Hi {nobody.knows}"
                next: nowhere
            """);

        var result = await CliProcess.RunAsync(scratch, null, "validate", "broken.yaml");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Matches(@"broken\.yaml:\d+:\d+: error DLG\d+", result.Stdout + result.Stderr);
        Assert.Contains("nowhere", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_runs_the_embedded_conversations_of_the_shipped_dialogs_with_real_triage()
    {
        var result = await CliProcess.RunAsync(RepositoryRoot.Path, null, "test");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Matches(@"\d+ passed, 0 failed", result.Stdout);
    }

    [Fact]
    public async Task Test_and_chat_triage_with_the_cue_file_kept_beside_the_scripts()
    {
        // A copy of the scripts with changed cues was tried with the working directory's cues (here: the embedded ones).
        var folder = Path.Combine(scratch, "mine");
        Directory.CreateDirectory(Path.Combine(folder, "settings"));
        var cues = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "dialogs", "settings", "triage.yaml"));
        const string PrivacyCue = "        patterns:\n          - '\\b(dm|pm|dms|direct message|private message|private chat|inbox)\\b'\n";
        Assert.Contains(PrivacyCue, cues, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(folder, "settings", "triage.yaml"), cues.Replace(PrivacyCue, PrivacyCue + "          - '\\bzebra\\b'\n", StringComparison.Ordinal));
        await File.WriteAllTextAsync(Path.Combine(folder, "t.yaml"), """
            dialog: t
            start: route
            nodes:
              - id: route
                branch:
                  - when: { signal: wantsPrivacy }
                    goto: private
                default: other
              - id: private
                end: "Private it is."
              - id: other
                end: "Something else."
            tests:
              - name: the folder's own cues are used
                steps:
                  - user: "zebra"
                    bot: ["Private it is."]
            """);

        var test = await CliProcess.RunAsync(scratch, null, "test", "mine");
        var chat = await CliProcess.RunAsync(scratch, "zebra\n/quit\n", "chat", "t", "--dialogs", "mine");

        Assert.True(test.ExitCode == 0, test.Stdout + test.Stderr);
        Assert.Contains("Private it is.", chat.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_fails_when_a_conversation_does_not_go_as_written()
    {
        await File.WriteAllTextAsync(Path.Combine(scratch, "hello.yaml"), """
            dialog: hello
            start: greet
            nodes:
              - id: greet
                ask: "What's your name?"
                capture: name
                type: text
                next: bye
              - id: bye
                end: "Bye {captured.name}"
            tests:
              - name: expects the wrong goodbye
                steps:
                  - user: "hi"
                    bot: ["What's your name?"]
                  - user: "Sam"
                    bot: ["See you, Sam"]
            """);

        var result = await CliProcess.RunAsync(scratch, null, "test", "hello.yaml");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("FAIL", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("See you, Sam", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_of_a_missing_file_names_it_and_fails_without_a_stack_trace()
    {
        var result = await CliProcess.RunAsync(scratch, null, "test", "no-such-script.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no-such-script.yaml:1:1: error", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_refuses_an_option_it_does_not_know_instead_of_reading_it_as_a_file()
    {
        var result = await CliProcess.RunAsync(scratch, null, "test", "--dialogs", "dialogs");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown option '--dialogs'", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_of_a_folder_without_scripts_fails_rather_than_passing_nothing()
    {
        var result = await CliProcess.RunAsync(scratch, null, "test", ".");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no dialog scripts", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("passed", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_talks_to_the_care_dialog_and_shows_the_active_node()
    {
        var result = await CliProcess.RunAsync(RepositoryRoot.Path, "My order never arrived and NOBODY answers!!!\n/quit\n", "chat", "care");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("I'm listening", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("vent", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_says_what_the_server_does_with_a_message_the_dialog_leaves_unanswered_while_the_case_waits()
    {
        await File.WriteAllTextAsync(Path.Combine(scratch, "h.yaml"), """
            dialog: h
            start: team
            nodes:
              - id: team
                handoff: care
                say: "Passed to the team."
            """);

        var chat = await CliProcess.RunAsync(scratch, "help\nhello?\n/quit\n", "chat", "h", "--dialogs", ".");

        Assert.Equal(0, chat.ExitCode);
        var lines = chat.Stdout.Split('\n');
        Assert.DoesNotContain(lines.TakeWhile(line => !line.Contains("Passed to the team.", StringComparison.Ordinal)), line => line.Contains("server:", StringComparison.Ordinal));
        Assert.Contains("server: adds this message to the case; the first time per case it also says \"Got it, Sam. I've added that to case C-1001", chat.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_keeps_a_card_number_as_the_server_does()
    {
        var result = await CliProcess.RunAsync(RepositoryRoot.Path, "my card 4111 1111 1111 1111 was charged twice\n/quit\n", "chat", "care");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("[card ending 1111]", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("4111 1111", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Triage_prints_one_json_object_per_line_and_nothing_else()
    {
        var result = await CliProcess.RunAsync(RepositoryRoot.Path, "My order never arrived and NOBODY answers the phone!!!\n\nmail me at ana@example.com\n", "triage");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.True(first.RootElement.GetProperty("signals").GetProperty("complaint").GetProperty("detected").GetBoolean());
        using var empty = JsonDocument.Parse(lines[1]);
        Assert.Equal(string.Empty, empty.RootElement.GetProperty("text").GetString());
        using var third = JsonDocument.Parse(lines[2]);
        Assert.DoesNotContain("ana@example.com", third.RootElement.GetProperty("masked").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Triage_of_an_unreadable_file_says_so_and_fails()
    {
        var result = await CliProcess.RunAsync(scratch, null, "triage", "no-such-file.txt");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no-such-file.txt", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public async Task Triage_with_an_impossible_setting_names_it_in_one_line_and_fails()
    {
        await File.WriteAllTextAsync(Path.Combine(scratch, "appsettings.json"), """{ "Triage": { "ComplaintShare": 2 } }""");

        var result = await CliProcess.RunAsync(scratch, "hello\n", "triage");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("triage: invalid setting: Triage:ComplaintShare must be between 0.05 and 0.95, e.g. 0.5.", result.Stderr.Trim());
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public async Task An_unknown_verb_is_refused_with_the_list_of_verbs()
    {
        var result = await CliProcess.RunAsync(scratch, null, "frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("validate", result.Stderr, StringComparison.Ordinal);
    }
}
