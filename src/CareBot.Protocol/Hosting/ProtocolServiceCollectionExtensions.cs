using CareBot.Protocol.Auth;
using CareBot.Protocol.Connector;
using CareBot.Protocol.Middleware;
using CareBot.Protocol.Transcripts;
using CareBot.Protocol.Turns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CareBot.Protocol.Hosting;

/// <summary>The protocol's one DI entry point.</summary>
public static class ProtocolServiceCollectionExtensions
{
    /// <summary>
    /// Registers the turn pipeline behind <c>POST /api/messages</c>: <see cref="BotTurnProcessor"/>, the
    /// <see cref="TurnPipeline"/>, the <see cref="ActivityDeduplicator"/> with an in-memory outcome store, and the options.
    /// The transcript middleware is not registered: CareBot's case keeps the lines agents and analytics read, so a second
    /// copy of every activity would be written on every turn and read by nothing. A host that wants one adds
    /// <see cref="TranscriptMiddleware"/> and an <see cref="ITranscriptStore"/>.
    /// <para>
    /// The stores and <see cref="TimeProvider"/> are registered with TryAdd, so durable stores registered by the storage
    /// project win whether they are added before or after this call (after: a plain <c>AddSingleton</c> replaces the
    /// last registration; before: TryAdd leaves them alone).
    /// </para>
    /// <para>Also registers channel authentication (<c>AddBotFrameworkAuthentication</c>) and the Connector client
    /// (<c>AddBotFrameworkConnector</c>), so this is the protocol's one entry point. Not registered here: <see cref="IBot"/>
    /// (the care logic provides it).</para>
    /// </summary>
    /// <remarks>
    /// Configuration (all optional; defaults shown):
    /// <code>
    /// "Bot": {
    ///   "MaxRequestBodyBytes": 262144,
    ///   "Deduplication": { "WaitTimeout": "00:00:10", "Retention": "01:00:00", "MaxEntries": 10000 }
    /// }
    /// </code>
    /// </remarks>
    public static IServiceCollection AddCareBotProtocol(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var section = configuration.GetSection(BotEndpointOptions.SectionName);
        services.AddOptions<BotEndpointOptions>()
            .Bind(section)
            .Validate(o => o.MaxRequestBodyBytes is > 0 and <= int.MaxValue, "Bot:MaxRequestBodyBytes must be between 1 and 2147483647.")
            .ValidateOnStart();
        services.AddOptions<DeduplicationOptions>()
            .Bind(section.GetSection("Deduplication"))
            .Validate(o => o.WaitTimeout >= TimeSpan.Zero, "Bot:Deduplication:WaitTimeout must not be negative.")
            .Validate(o => o.Retention > TimeSpan.Zero, "Bot:Deduplication:Retention must be positive.")
            .Validate(o => o.MaxEntries > 0, "Bot:Deduplication:MaxEntries must be positive.")
            .ValidateOnStart();

        services.AddBotFrameworkAuthentication(configuration);
        services.AddBotFrameworkConnector(configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TurnLifetime>();
        services.AddHostedService(sp => sp.GetRequiredService<TurnLifetime>()); // registered early, so stopped after the web server
        services.TryAddSingleton<IActivityOutcomeStore, InMemoryActivityOutcomeStore>();
        services.TryAddSingleton<ActivityDeduplicator>();

        // Scoped, so a bot (or middleware) with scoped dependencies works; the endpoint resolves them per request.
        services.TryAddScoped<TurnPipeline>();
        services.TryAddScoped<BotTurnProcessor>();
        return services;
    }
}
