using Microsoft.Extensions.Options;

namespace CareBot.Server.Cli;

/// <summary>
/// Dispatches the executable's verbs. Each verb lives in its own class under Cli/ and is listed once in <see cref="Verbs"/>.
/// </summary>
public static class CommandLine
{
    private static readonly IReadOnlyDictionary<string, Func<string[], Task<int>>> Verbs =
        new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
        {
            ["serve"] = ServeCommand.RunAsync,
            ["triage"] = TriageCommand.RunAsync,
            ["validate"] = ValidateCommand.RunAsync,
            ["test"] = TestCommand.RunAsync,
            ["chat"] = ChatCommand.RunAsync,
            ["agents"] = AgentsCommand.RunAsync,
            ["chaos"] = ChaosCommand.RunAsync,
        };

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);

        // No verb, or an option first (e.g. --urls), means "serve" with all the arguments.
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return await ServeCommand.RunAsync(args).ConfigureAwait(false);
        }

        if (args[0] is "help" or "--help" or "-h")
        {
            PrintUsage(Console.Out);
            return 0;
        }

        if (!Verbs.TryGetValue(args[0], out var verb))
        {
            await Console.Error.WriteLineAsync($"carebot: unknown verb '{args[0]}'.").ConfigureAwait(false);
            PrintUsage(Console.Error);
            return 2;
        }

        try
        {
            return await verb(args[1..]).ConfigureAwait(false);
        }
        catch (OptionsValidationException invalid)
        {
            // A verb without the web host meets an invalid setting when it first resolves the service: one line naming
            // the setting, as the server's start says it, not a stack trace.
            foreach (var line in StartupProblems.Describe(invalid))
            {
                await Console.Error.WriteLineAsync($"{args[0]}: {line}").ConfigureAwait(false);
            }

            return 1;
        }
    }

    private static void PrintUsage(TextWriter writer)
    {
        writer.WriteLine("usage: dotnet run --project src/CareBot.Server -- [VERB] [ARGS]");
        writer.WriteLine("verbs: " + string.Join(", ", Verbs.Keys.Order(StringComparer.Ordinal)) + " (no verb = serve)");
    }
}
