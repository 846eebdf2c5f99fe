using CareBot.Care.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CareBot.Care.Cases;

/// <summary>
/// Registers <see cref="CaseOptions"/>, <see cref="CaseFactory"/> and <see cref="CaseReader"/> (the stores come from <c>AddCareBotStorage</c>).
/// Configuration, each priority optional:
/// <code>
/// "Cases": { "Sla": { "Urgent": { "FirstResponse": "00:15:00", "Resolution": "04:00:00" }, "High": { ... } } }
/// </code>
/// </summary>
public static class CaseServiceCollectionExtensions
{
    public static IServiceCollection AddCareBotCases(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CaseOptions>()
            .Bind(configuration.GetSection(CaseOptions.SectionName))
            .Validate(
                o => o.Sla.Values.All(t => t.FirstResponse > TimeSpan.Zero && t.Resolution >= t.FirstResponse),
                "Cases:Sla: every FirstResponse must be positive and no later than its Resolution, e.g. 00:15:00 and 04:00:00.")
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CaseOptions>>(new SlaConfigurationCheck(configuration)));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(SlaClock.Calendar); // AddCareBot registers the brand's hours first
        services.TryAddSingleton(sp => new CaseFactory(sp.GetRequiredService<IOptions<CaseOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<SlaClock>()));
        services.TryAddSingleton<CaseReader>(); // over the ICaseStore singleton
        return services;
    }
}
