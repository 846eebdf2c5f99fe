using CareBot.Care.Studio;
using CareBot.Web.Studio;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CareBot.Web.Hosting;

/// <summary>The admin studio's services (called by <see cref="WebServiceCollectionExtensions.AddCareBotWeb(IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration)"/>).</summary>
public static class StudioServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="StudioScripts"/> and <see cref="ScriptPublisher"/>. The storage project registers the durable
    /// <see cref="IStudioStore"/>; without it drafts, history and audit live as long as the process. Hooks that must run
    /// when a version goes live register an <see cref="IScriptPublishedListener"/>.
    /// </summary>
    public static IServiceCollection AddCareBotStudio(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IStudioStore, InMemoryStudioStore>();
        services.TryAddSingleton<StudioScripts>();
        services.TryAddSingleton<ScriptPublisher>();
        services.TryAddSingleton<ConversationReplay>();
        services.TryAddSingleton<StudioCueFile>();
        services.TryAddSingleton<CueFilePublisher>();
        return services;
    }
}
