using CareBot.Dialogs.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace CareBot.Care.Integrations;

/// <summary>
/// Registers the brand APIs <c>lookup:</c> nodes call. Configuration (one entry per integration; all optional except BaseUrl):
/// <code>
/// "Integrations": {
///   "Orders": { "BaseUrl": "https://api.contoso.example/v1/", "Headers": { "Authorization": "Bearer (from a secret store)" },
///               "Timeout": "00:00:03", "Retries": 2, "RetryDelay": "00:00:00.2", "TotalTimeout": "00:00:08",
///               "CircuitBreakerMinimumCalls": 10, "BreakDuration": "00:00:30", "MaxResponseBytes": 65536 }
/// }
/// </code>
/// An integration that is not configured is not an error: its lookups take the dialog's fallback.
/// </summary>
public static class IntegrationServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ILookupClient"/> and one resilient HttpClient per configured integration.</summary>
    public static IServiceCollection AddCareBotIntegrations(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(IntegrationOptions.SectionName);
        services.AddHttpClient(); // the factory, also when no integration is configured
        var configured = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var integration in section.GetChildren())
        {
            configured.Add(integration.Key);
            var name = HttpLookupClient.NameOf(integration.Key);
            services.AddOptions<IntegrationOptions>(name).Bind(integration).ValidateOnStart();
            services.AddSingleton<IValidateOptions<IntegrationOptions>>(new IntegrationOptionsValidator(name));
            services.AddHttpClient(HttpLookupClient.ClientName(name))
                .AddResilienceHandler("lookup", (pipeline, context) => Configure(pipeline, context.GetOptions<IntegrationOptions>(name)));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILookupClient>(provider => ActivatorUtilities.CreateInstance<HttpLookupClient>(provider, (IReadOnlySet<string>)configured));
        return services;
    }

    /// <summary>Outermost first: the whole lookup's deadline, retries with backoff, the circuit breaker, each attempt's timeout.</summary>
    private static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, IntegrationOptions options)
    {
        pipeline.AddTimeout(options.TotalTimeout);
        if (options.Retries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.Retries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        }

        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = 0.5,
            MinimumThroughput = options.CircuitBreakerMinimumCalls,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = options.BreakDuration,
        });
        pipeline.AddTimeout(options.Timeout);
    }
}
