using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CareBot.Care.Incidents;

/// <summary>Incident mode's DI entry point; needs an <see cref="IIncidentStore"/> and the report source (CareBot.Storage).</summary>
public static class IncidentServiceCollectionExtensions
{
    /// <summary>Binds and validates section <c>Incidents</c> (see <see cref="IncidentOptions"/>) and registers the detector and the service.</summary>
    public static IServiceCollection AddCareBotIncidents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IncidentOptions>()
            .Bind(configuration.GetSection(IncidentOptions.SectionName))
            .Validate(o => o.Window > TimeSpan.Zero && o.BaselineWindows > 0 && o.Sensitivity > 0 && o.MinimumPosts > 0 && o.SharedKeyWords > 0
                    && o.NegativeShare is >= 0 and <= 1 && o.CoolDown >= TimeSpan.Zero,
                "Incidents: Window must be positive, BaselineWindows, Sensitivity, MinimumPosts and SharedKeyWords above 0, NegativeShare 0 to 1, CoolDown not negative.")
            .ValidateOnStart();
        services.TryAddSingleton<IncidentDetector>();
        services.TryAddSingleton<IncidentService>();
        return services;
    }
}
