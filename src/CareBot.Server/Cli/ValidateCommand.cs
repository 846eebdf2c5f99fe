using CareBot.Dialogs.Loading;
using CareBot.Dialogs.Validation;

namespace CareBot.Server.Cli;

/// <summary><c>validate [paths]</c>: checks dialog scripts; exit 0 when valid, else every problem and exit 1.</summary>
public static class ValidateCommand
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(Run(args, Console.Out));

    internal static int Run(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var paths = args.Length == 0 ? ["dialogs"] : args;
        var files = ScriptLoader.FindFiles(paths);
        if (files.Count == 0)
        {
            output.WriteLine($"validate: no dialog scripts (*.yaml) found in {string.Join(", ", paths)}.");
            return 1;
        }

        var result = ScriptLoader.LoadFiles(files);
        foreach (var diagnostic in result.Diagnostics)
        {
            output.WriteLine(diagnostic.ToString());
        }

        var errors = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var warnings = result.Diagnostics.Count - errors;
        output.WriteLine(errors == 0
            ? $"{files.Count} script(s) valid ({string.Join(", ", result.Scripts.Select(s => $"{s.Id}@{s.Version}"))}); {warnings} warning(s)."
            : $"{errors} error(s), {warnings} warning(s) in {files.Count} script(s): nothing goes live until they are fixed.");
        return errors == 0 ? 0 : 1;
    }
}
