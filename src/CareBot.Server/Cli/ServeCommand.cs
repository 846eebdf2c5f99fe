namespace CareBot.Server.Cli;

/// <summary>
/// The default verb: runs the web host until Ctrl-C. A start that fails (bad setting, invalid dialog script or cue
/// file, unreachable database, a refused address) prints one line per problem to stderr and exits with 1; the stack
/// trace only with <c>--verbose</c>.
/// </summary>
public static class ServeCommand
{
    private const string VerboseSwitch = "--verbose";

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var verbose = args.Contains(VerboseSwitch, StringComparer.Ordinal);
        var starting = true;
        var refused = false;
        WebApplication? app = null;
        try
        {
            app = CareBotHost.Build([.. args.Where(a => a != VerboseSwitch)], builder =>
            {
                if (!verbose)
                {
                    // The host logs a failed start with its stack trace; we report it below, one line per problem. Once the
                    // start is refused, what background loops say while the half-started host is torn down (a store already
                    // disposed under them) is noise after those lines, so nothing more is logged.
                    KeepConfiguredLevels(builder.Services, (category, level) => !(refused || (starting && level >= LogLevel.Error && IsHostCategory(category))));
                }
            });
            await app.StartAsync().ConfigureAwait(false);
            starting = false;
        }
        catch (Exception failure)
        {
            refused = true;
            foreach (var line in StartupProblems.Describe(failure))
            {
                await Console.Error.WriteLineAsync("carebot: " + line).ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync(verbose ? failure.ToString() : "carebot: not started (run with --verbose for details).").ConfigureAwait(false);
            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            return 1;
        }

        await using (app.ConfigureAwait(false))
        {
            await app.WaitForShutdownAsync().ConfigureAwait(false);
        }

        return 0;
    }

    // Adds `keep` to every logging filter rule instead of adding a rule of its own: a rule added by AddFilter(Func) has no
    // provider, category or level, so it ties with the configured "Default" level, wins as the later one, and its missing
    // level lets everything through — Debug lines of every turn on the console (measured: ~10% of a turn's CPU, most of
    // it waiting for the console logger's lock), whatever Logging:LogLevel says.
    private static void KeepConfiguredLevels(IServiceCollection services, Func<string?, LogLevel, bool> keep) =>
        services.PostConfigure<LoggerFilterOptions>(options =>
        {
            var rules = options.Rules.ToList();
            options.Rules.Clear();
            foreach (var rule in rules)
            {
                var inner = rule.Filter;
                options.Rules.Add(new LoggerFilterRule(
                    rule.ProviderName,
                    rule.CategoryName,
                    rule.LogLevel,
                    (provider, category, level) => keep(category, level) && (inner?.Invoke(provider, category, level) ?? true)));
            }

            if (!rules.Any(r => r.ProviderName is null && r.CategoryName is null))
            {
                options.Rules.Add(new LoggerFilterRule(null, null, options.MinLevel, (_, category, level) => keep(category, level)));
            }
        });

    private static bool IsHostCategory(string? category) =>
        category is "Microsoft.Extensions.Hosting.Internal.Host" or "Microsoft.AspNetCore.Hosting.Diagnostics";
}
