using CareBot.Care;
using CareBot.Care.Bot;
using CareBot.Care.Embeddings;
using CareBot.Care.Triage;
using CareBot.Dialogs.Runtime;

namespace CareBot.Server.Cli;

/// <summary>
/// Triage for the CLI verbs, without the web host: configuration from appsettings.json in the working directory and the
/// environment, logs (warnings and worse) on stderr so stdout stays clean for the verb's output.
/// </summary>
public static class CliTriage
{
    /// <summary>Builds the services triage needs; <paramref name="cuesPath"/> overrides Triage:CuesPath.</summary>
    public static ServiceProvider BuildServices(string? cuesPath = null)
    {
        var settings = new Dictionary<string, string?>();
        if (cuesPath is not null)
        {
            settings["Triage:CuesPath"] = Path.GetFullPath(cuesPath);
        }

        var configuration = new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(settings)
            .Build();

        var services = new ServiceCollection();
        services.AddLogging(logging => logging
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddFilter((_, level) => level >= LogLevel.Warning));
        services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        services.AddCareBotTriage(configuration);
        services.AddCareBotTriageEmbeddings(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// The cue file kept with the scripts a verb runs (FOLDER/settings/triage.yaml, FOLDER being the folder named or the
    /// one a named script is in), or null when there is none there (then Triage:CuesPath, else the embedded copy).
    /// <c>test other-dialogs</c> and <c>chat --dialogs other-dialogs</c> triaged with the working directory's cues, so a
    /// copy of the scripts with changed cues was tried with the old ones.
    /// </summary>
    public static string? CuesBeside(string scriptsPath)
    {
        ArgumentNullException.ThrowIfNull(scriptsPath);
        var folder = Directory.Exists(scriptsPath) ? scriptsPath : Path.GetDirectoryName(Path.GetFullPath(scriptsPath));
        var cues = folder is null ? null : Path.Combine(folder, "settings", "triage.yaml");
        return cues is not null && File.Exists(cues) ? cues : null;
    }

    /// <summary>The real triage as the dialog engine's annotator (for the test and chat verbs).</summary>
    public static ITurnAnnotator CreateAnnotator(IServiceProvider services) =>
        new TriageAnnotator(services.GetRequiredService<ITriageService>());
}
