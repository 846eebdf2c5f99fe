using CareBot.Care.Bot;
using CareBot.Care.Cases;
using CareBot.Care.Cases.Notifications;
using CareBot.Care.Delivery;
using CareBot.Care.Email;
using CareBot.Care.Integrations;
using CareBot.Care.Stores;
using CareBot.Dialogs;
using CareBot.Dialogs.Loading;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;
using CareBot.Dialogs.Templates;
using CareBot.Protocol.DirectLine;
using CareBot.Protocol.Turns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CareBot.Care;

/// <summary>
/// The care project's DI entry point. Configuration (all optional; defaults shown):
/// <code>
/// "CareBot": { "DialogId": "care", "DialogsPath": "dialogs", "BrandName": null, "ReloadDebounce": "00:00:00.5",
///              "MaxStateConflictRetries": 3, "HandoffHubChannels": [] }
/// </code>
/// plus the <c>Integrations</c> section of <see cref="IntegrationServiceCollectionExtensions.AddCareBotIntegrations"/>, and the
/// <c>Triage</c> and <c>AzureLanguage</c> sections of <see cref="CareServiceCollectionExtensions.AddCareBotTriage"/>.
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
        // SLA due times count the brand's open time: the hours saved at /admin/settings, else the root dialog's own.
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CareBotOptions>>();
            var scripts = sp.GetRequiredService<IScriptResolver>();
            return new SlaClock(() => BrandHours(options.Value, scripts));
        });
        services.AddCareBotCases(configuration);
        services.AddCareBotCaseFeed();
        services.AddCareBotEmail(configuration);
        services.AddCareBotIntegrations(configuration);
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.SectionName));
        services.TryAddSingleton(sp => new CaseEmails(sp.GetRequiredService<IOptions<NotificationOptions>>()));
        services.TryAddSingleton<Analytics.CareReportService>();
        services.AddOptions<OutboxOptions>()
            .Bind(configuration.GetSection(OutboxOptions.SectionName))
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.Lease > TimeSpan.Zero, "Outbox:PollInterval and Outbox:Lease must be positive, e.g. 00:00:02 and 00:01:00.")
            .Validate(o => o.BatchSize is > 0 and <= 500, "Outbox:BatchSize must be 1-500.")
            .Validate(o => o.MaxAttempts > 0 && o.BaseDelay > TimeSpan.Zero && o.MaxDelay >= o.BaseDelay, "Outbox:MaxAttempts must be at least 1, BaseDelay positive and MaxDelay no less than BaseDelay.")
            .ValidateOnStart();
        services.AddOptions<CareBotOptions>()
            .Bind(configuration.GetSection(CareBotOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.DialogId), "CareBot:DialogId must name the root dialog, e.g. care.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.DialogsPath), "CareBot:DialogsPath must name the dialogs folder, e.g. dialogs.")
            .Validate(o => o.MaxStateConflictRetries >= 1, "CareBot:MaxStateConflictRetries must be at least 1.")
            .Validate(o => o.BusinessHours is null || o.BusinessHours.Problems().Count == 0, "CareBot:BusinessHours needs a time zone such as UTC, days such as mon,tue,wed, From/To as HH:mm with To after From, holidays as yyyy-MM-dd with a name.")
            .ValidateOnStart();

        // The storage project registers a durable archive; without it, versions live as long as the process.
        services.TryAddSingleton<IScriptArchive, InMemoryScriptArchive>();
        services.TryAddSingleton<ScriptRegistry>();
        services.TryAddSingleton<IScriptResolver>(provider => provider.GetRequiredService<ScriptRegistry>());
        services.TryAddSingleton<DialogRuntime>();
        services.TryAddSingleton<ITurnAnnotator, TriageAnnotator>();
        services.TryAddSingleton<CaseOpenedMessages>();
        services.TryAddSingleton<TurnEffects>();
        services.TryAddSingleton<PublicReplyRotation>();
        services.TryAddSingleton<IUserTextRedactor, ChannelHistoryRedactor>(); // what the built-in chat's history keeps
        services.TryAddSingleton<ConversationTurnRunner>();
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<OutboxProcessor>();
        services.TryAddSingleton<Agents.AgentDesk>();
        services.TryAddSingleton<Bot.HandoffStatusHandler>();
        // Scoped because they use the Connector's typed HttpClient, which must not be held for the process's life.
        services.TryAddScoped<OutboxDispatcher>();
        services.TryAddScoped<IBot, CareDialogBot>();
        return services;
    }

    private static BusinessSchedule? BrandHours(CareBotOptions options, IScriptResolver scripts) =>
        options.BusinessHours?.ToSchedule()
        ?? (scripts.CurrentVersions.TryGetValue(options.DialogId, out var version) && scripts.Find(options.DialogId, version) is { } root
            ? OpeningHours.Effective(root, adminSchedule: null)
            : null);
}
