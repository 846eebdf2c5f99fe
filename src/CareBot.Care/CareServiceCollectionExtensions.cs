using CareBot.Care.Triage;
using CareBot.Care.Triage.Azure;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Model;
using CareBot.Care.Triage.Sentiment;
using CareBot.Care.Triage.Vader;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CareBot.Care;

/// <summary>
/// DI registration of CareBot.Care. Configuration shape (all optional):
/// <code>
/// "Triage":        { "CuesPath": "dialogs/settings/triage.yaml", "ComplaintShare": 0.5 },
/// "AzureLanguage": { "Endpoint": "https://NAME.cognitiveservices.azure.com", "Key": "...", "OpinionMining": false,
///                    "MaxRetries": 3, "RetryDelay": "00:00:00.8", "NetworkTimeout": "00:00:10",
///                    "FailuresBeforeBreak": 5, "BreakDuration": "00:01:00" }
/// </code>
/// </summary>
public static class CareServiceCollectionExtensions
{
    /// <summary>
    /// Registers triage: the cue file (loaded and validated once), the embedded VADER analyzer, Azure AI Language when
    /// AzureLanguage:Endpoint and AzureLanguage:Key are set (falling back to VADER), the PII masker and ITriageService.
    /// </summary>
    public static IServiceCollection AddCareBotTriage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<TriageOptions>().Bind(configuration.GetSection(TriageOptions.SectionName))
            .Validate(o => o.ComplaintShare is >= 0.05 and <= 0.95, "Triage:ComplaintShare must be between 0.05 and 0.95, e.g. 0.5.")
            .ValidateOnStart();
        services.AddOptions<AzureLanguageOptions>().Bind(configuration.GetSection(AzureLanguageOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);

        // The cues are read once; an invalid file stops start-up with file:line:col diagnostics.
        services.TryAddSingleton(provider => LoadCues(
            provider.GetRequiredService<IOptions<TriageOptions>>().Value,
            provider.GetService<ILoggerFactory>()?.CreateLogger(typeof(TriageService).FullName!) ?? NullLogger.Instance));
        services.TryAddSingleton<VaderScorer>();
        services.TryAddSingleton<VaderSentimentAnalyzer>();
        services.TryAddSingleton<ISentimentAnalyzer>(provider =>
        {
            var azure = provider.GetRequiredService<IOptions<AzureLanguageOptions>>();
            var logger = provider.GetService<ILoggerFactory>()?.CreateLogger(typeof(TriageService).FullName!) ?? NullLogger.Instance;
            if (!azure.Value.IsConfigured)
            {
                Log.SentimentProviderChosen(logger, VaderSentimentAnalyzer.ProviderName);
                return provider.GetRequiredService<VaderSentimentAnalyzer>();
            }

            Log.SentimentProviderChosen(logger, AzureLanguageSentimentAnalyzer.ProviderName);
            return new AzureLanguageSentimentAnalyzer(
                azure,
                provider.GetRequiredService<VaderSentimentAnalyzer>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetService<ILogger<AzureLanguageSentimentAnalyzer>>());
        });
        // Live: a cue file published from the admin studio replaces the cues without a restart.
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<TriageOptions>>().Value;
            return new LiveTriageService(
                provider.GetRequiredService<ISentimentAnalyzer>(),
                provider.GetRequiredService<TriageCues>(),
                CareModel.Embedded.WithComplaintShare(options.ComplaintShare),
                provider.GetService<IComplaintSecondStage>(), // registered only by AddCareBotTriageEmbeddings, when enabled
                options.UrgencyModel);
        });
        services.TryAddSingleton<ITriageService>(provider => provider.GetRequiredService<LiveTriageService>());
        return services;
    }

    private static TriageCues LoadCues(TriageOptions options, ILogger logger)
    {
        var path = Path.IsPathRooted(options.CuesPath)
            ? options.CuesPath
            : Path.GetFullPath(options.CuesPath); // relative to the working directory, like every data path
        var cues = File.Exists(path) ? TriageCueLoader.LoadFile(path) : TriageCueLoader.LoadEmbedded();
        Log.TriageCuesLoaded(logger, cues.Source);
        return cues;
    }
}
