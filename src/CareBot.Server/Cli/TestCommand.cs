using CareBot.Dialogs.Loading;
using CareBot.Dialogs.Runtime;
using CareBot.Dialogs.ScriptTests;

namespace CareBot.Server.Cli;

/// <summary><c>test [paths]</c> (files or folders; default dialogs): runs the test conversations embedded in the scripts; exit 0 when all pass.</summary>
public static class TestCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        // The scripts' tests and the chat see the same triage as the live bot, with the cues kept beside the scripts.
        await using var services = CliTriage.BuildServices(CliTriage.CuesBeside(Paths(args)[0]));
        return await RunAsync(args, Console.Out, CliTriage.CreateAnnotator(services), CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>The script files or folders named, else the dialogs folder.</summary>
    private static string[] Paths(string[] args) => args.Length == 0 ? ["dialogs"] : args;

    internal static async Task<int> RunAsync(string[] args, TextWriter output, ITurnAnnotator annotator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args.FirstOrDefault(a => a.StartsWith("--", StringComparison.Ordinal)) is { } option)
        {
            await output.WriteLineAsync($"test: unknown option '{option}'; usage: test [script files or folders, default dialogs].").ConfigureAwait(false);
            return 2;
        }

        var paths = Paths(args);
        var files = ScriptLoader.FindFiles(paths);
        if (files.Count == 0)
        {
            // No test run is not a pass.
            await output.WriteLineAsync($"test: no dialog scripts (*.yaml) found in {string.Join(", ", paths)}.").ConfigureAwait(false);
            return 1;
        }

        var registry = new ScriptRegistry();
        var loaded = await registry.LoadFilesAsync(files, cancellationToken).ConfigureAwait(false);
        if (!loaded.IsValid)
        {
            foreach (var diagnostic in loaded.Diagnostics)
            {
                await output.WriteLineAsync(diagnostic.ToString()).ConfigureAwait(false);
            }

            await output.WriteLineAsync("test: the scripts are invalid; run 'validate' and fix them first.").ConfigureAwait(false);
            return 1;
        }

        var results = await new ScriptTestRunner(registry, annotator).RunAllAsync(loaded.Scripts, cancellationToken).ConfigureAwait(false);
        foreach (var result in results)
        {
            await output.WriteLineAsync($"{(result.Passed ? "PASS" : "FAIL")}  {result.ScriptId}: {result.Name}").ConfigureAwait(false);
            if (!result.Passed)
            {
                foreach (var failure in result.Failures)
                {
                    await output.WriteLineAsync("      " + failure).ConfigureAwait(false);
                }

                await output.WriteLineAsync("      transcript:").ConfigureAwait(false);
                foreach (var line in result.Transcript)
                {
                    await output.WriteLineAsync("      " + line).ConfigureAwait(false);
                }
            }
        }

        var failed = results.Count(r => !r.Passed);
        await output.WriteLineAsync($"{results.Count - failed} passed, {failed} failed.").ConfigureAwait(false);
        return failed == 0 ? 0 : 1;
    }
}
