using CareBot.Care.Triage.Cues;
using CareBot.Dialogs.Validation;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CareBot.Server.Cli;

/// <summary>
/// Turns a failed start into one line per problem for the operator: the setting or file at fault and what to do. The
/// stack trace is for developers (<c>--verbose</c>); an operator with a typo in a setting needs the setting's name.
/// </summary>
public static class StartupProblems
{
    public static IReadOnlyList<string> Describe(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var lines = new List<string>();
        Collect(failure, lines);
        return lines;
    }

    private static void Collect(Exception failure, List<string> lines)
    {
        switch (failure)
        {
            case AggregateException aggregate:
                foreach (var inner in aggregate.InnerExceptions)
                {
                    Collect(inner, lines);
                }

                break;
            case OptionsValidationException invalid:
                lines.AddRange(invalid.Failures.Select(f => $"invalid setting: {f}"));
                break;
            case ScriptValidationException { Diagnostics.Count: > 0 } script:
                lines.AddRange(script.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => $"dialog script: {d}"));
                break;
            case TriageCueException { Diagnostics.Count: > 0 } cues:
                lines.AddRange(cues.Diagnostics.Select(d => $"triage cue file (Triage:CuesPath): {d}"));
                break;
            case NpgsqlException:
                lines.Add($"ConnectionStrings:Postgres: PostgreSQL cannot be reached or refused the connection ({OneLine(failure.Message)}). "
                    + "Check the host, port, database, user and password, and that the server is running; remove the setting to use SQLite.");
                break;
            default:
                lines.Add(OneLine(failure.Message));
                break;
        }
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
