using CareBot.Care.Bot;
using CareBot.Dialogs;
using CareBot.Dialogs.Loading;
using CareBot.Dialogs.Runtime;
using CareBot.Dialogs.ScriptTests;

namespace CareBot.Server.Cli;

/// <summary>
/// <c>chat [script] [--public] [--dialogs folder] [--name customer]</c>: talk to a dialog in the terminal. After each turn it shows the
/// active node and the captured values. Commands: /public, /private, /event NAME, /signal NAME, /sentiment X,
/// /state, /quit.
/// </summary>
public static class ChatCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        // The scripts' tests and the chat see the same triage as the live bot, with the cues kept beside the scripts.
        await using var services = CliTriage.BuildServices(CliTriage.CuesBeside(Target(args).Folder));
        return await RunAsync(args, Console.In, Console.Out, CliTriage.CreateAnnotator(services), CancellationToken.None).ConfigureAwait(false);
    }

    internal static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, ITurnAnnotator annotator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var isPublic = args.Contains("--public");
        var name = Option(args, "--name") ?? "Sam";
        var (folder, script) = Target(args);

        var registry = new ScriptRegistry();
        var loaded = await registry.LoadFolderAsync(folder, cancellationToken).ConfigureAwait(false);
        if (!loaded.IsValid)
        {
            foreach (var diagnostic in loaded.Diagnostics)
            {
                await output.WriteLineAsync(diagnostic.ToString()).ConfigureAwait(false);
            }

            return 1;
        }

        if (!registry.Current.ContainsKey(script))
        {
            var there = registry.Current.Count == 0 ? "it has no dialog scripts (*.yaml)" : "there are: " + string.Join(", ", registry.Current.Keys);
            await output.WriteLineAsync($"chat: no dialog '{script}' in {folder}; {there}.").ConfigureAwait(false);
            return 1;
        }

        var driver = new ConversationDriver(new DialogRuntime(registry), script, isPublic) { UserName = name };
        var extraSignals = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        double? sentiment = null;
        await output.WriteLineAsync($"Chatting with '{script}' ({(isPublic ? "public" : "private")}). Commands: /public /private /event NAME /signal NAME /sentiment X /state /quit").ConfigureAwait(false);
        while (true)
        {
            await output.WriteAsync($"{(driver.IsPublic ? "public" : "private")}> ").ConfigureAwait(false);
            var line = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null || line.Trim() == "/quit")
            {
                return 0;
            }

            line = line.Trim();
            DriverTurn? turn = null;
            switch (line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault())
            {
                case null:
                    continue;
                case "/public":
                    driver.IsPublic = true;
                    continue;
                case "/private":
                    driver.IsPublic = false;
                    continue;
                case "/state":
                    await output.WriteLineAsync(driver.CurrentState?.ToJson() ?? "(no state yet)").ConfigureAwait(false);
                    continue;
                case "/signal":
                    extraSignals.Add(line[7..].Trim());
                    await output.WriteLineAsync($"  next message carries signals: {string.Join(", ", extraSignals)}").ConfigureAwait(false);
                    continue;
                case "/sentiment":
                    sentiment = double.TryParse(line[10..].Trim(), System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : null;
                    continue;
                case "/event":
                    turn = driver.Event(line[6..].Trim());
                    break;
                default:
                    var found = await annotator.AnnotateAsync(line, cancellationToken).ConfigureAwait(false);
                    var signals = new HashSet<string>(found.Signals.Concat(extraSignals), StringComparer.OrdinalIgnoreCase);
                    var score = sentiment ?? found.Sentiment;
                    // As on the server: triage reads the whole line, the dialog keeps it without card numbers or passwords.
                    turn = driver.Send(new TurnInput { Text = SecretRedactor.Redact(line), Triage = found with { Signals = signals, Sentiment = score } });
                    extraSignals.Clear();
                    sentiment = null;
                    break;
            }

            foreach (var reply in turn.Replies)
            {
                await output.WriteLineAsync($"  bot [{(reply.IsPublic ? "public" : "private")}]: {reply.Text}").ConfigureAwait(false);
            }

            foreach (var effect in turn.Effects)
            {
                await output.WriteLineAsync($"  effect: {ConversationDriver.Describe(effect)}").ConfigureAwait(false);
            }

            if (WhileWithTeam(driver, turn, line) is { } note)
            {
                await output.WriteLineAsync(note).ConfigureAwait(false);
            }

            await output.WriteLineAsync($"  node: {ConversationDriver.Where(driver.CurrentState)}   captured: {ConversationDriver.Captures(driver.CurrentState)}").ConfigureAwait(false);
        }
    }

    /// <summary>
    /// What the server does with a private message the dialog leaves unanswered while the case waits for a person (the
    /// dialog alone says nothing, and trials read that as silence): it adds the message to the case and, once per case,
    /// says <see cref="CareBotOptions.AddedToCaseReply"/>.
    /// </summary>
    private static string? WhileWithTeam(ConversationDriver driver, DriverTurn turn, string line)
    {
        if (line.StartsWith('/') || driver.IsPublic || turn.Replies.Count > 0 || driver.CurrentState?.Status != DialogStatus.HandedOff)
        {
            return null;
        }

        var said = new CareBotOptions().AddedToCaseReply!.Replace("{user.name}", driver.UserName, StringComparison.Ordinal)
            .Replace("{case.id}", driver.CaseId, StringComparison.Ordinal);
        return $"  server: adds this message to the case; the first time per case it also says \"{said}\"";
    }

    /// <summary>The folder of scripts to load and the dialog to talk to: a script file named names both.</summary>
    private static (string Folder, string Script) Target(string[] args)
    {
        var folder = Option(args, "--dialogs") ?? "dialogs";
        var script = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || args[i - 1] is not ("--dialogs" or "--name"))).FirstOrDefault() ?? "care";
        if (script.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || script.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
        {
            folder = Path.GetDirectoryName(script) is { Length: > 0 } dir ? dir : ".";
            script = Path.GetFileNameWithoutExtension(script);
        }

        return (folder, script);
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
