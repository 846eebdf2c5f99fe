using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CareBot.Care.Cases;

/// <summary>Registers the live feed of case changes, <see cref="ICaseEventFeed"/>.</summary>
public static class CaseFeedServiceCollectionExtensions
{
    public static IServiceCollection AddCareBotCaseFeed(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        // A singleton: the feed's history and subscribers are the process's; a second instance would be a second feed.
        services.TryAddSingleton<ICaseEventFeed>(_ => new CaseEventFeed());
        return services;
    }
}
