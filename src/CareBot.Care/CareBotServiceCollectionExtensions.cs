using CareBot.Care.Bot;
using CareBot.Care.Cases;
using CareBot.Dialogs.Loading;
using CareBot.Dialogs.Runtime;
using CareBot.Protocol.Turns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CareBot.Care;

/// <summary>
/// The care project's DI entry point. Configuration (all optional; defaults shown):
/// <code>
/// "CareBot": { "DialogId": "care", "DialogsPath": "dialogs", "BrandName": null, "ReloadDebounce": "00:00:00.5",
///              "MaxStateConflictRetries": 3 }
/// </code>
/// plus the <c>Triage</c> and <c>AzureLanguage</c> sections of <see cref="CareServiceCollectionExtensions.AddCareBotTriage"/>.
/// </summary>
public static class CareBotServiceCollectionExtensions
{
    /// <summary>
    /// Registers triage, the dialog scripts (registry and runtime; loading the folder is the host's job, at start-up),
    /// and <see cref="CareDialogBot"/> as the protocol's <see cref="IBot"/>.
    /// </summary>
    public static IServiceCollection AddCareBot(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddCareBotTriage(configuration);
        services.AddCareBotCases(configuration);
        services.AddOptions<CareBotOptions>()
            .Bind(configuration.GetSection(CareBotOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.DialogId), "CareBot:DialogId must name the root dialog, e.g. care.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.DialogsPath), "CareBot:DialogsPath must name the dialogs folder, e.g. dialogs.")
            .Validate(o => o.MaxStateConflictRetries >= 1, "CareBot:MaxStateConflictRetries must be at least 1.")
            .ValidateOnStart();

        // The storage project registers a durable archive; without it, versions live as long as the process.
        services.TryAddSingleton<IScriptArchive, InMemoryScriptArchive>();
        services.TryAddSingleton<ScriptRegistry>();
        services.TryAddSingleton<IScriptResolver>(provider => provider.GetRequiredService<ScriptRegistry>());
        services.TryAddSingleton<DialogRuntime>();
        services.TryAddSingleton<ITurnAnnotator, TriageAnnotator>();
        services.TryAddSingleton<ConversationTurnRunner>();
        // Scoped (per turn) because they use the Connector's typed HttpClient, which must not be held for the process's life.
        services.TryAddScoped<IDialogEffectHandler, DialogEffectHandler>();
        services.TryAddScoped<IBot, CareDialogBot>();
        return services;
    }
}
