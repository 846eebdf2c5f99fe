using Microsoft.AspNetCore.Server.Kestrel.Core;
using System.Threading.RateLimiting;
using CareBot.Server.Agents;
using CareBot.Server.Endpoints;
using CareBot.Server.Health;
using CareBot.Server.RateLimiting;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CareBot.Server.Composition;

/// <summary>The server's own services: agent keys, start-up work and readiness, hosting defaults and rate limits.</summary>
public static class ServerServiceCollectionExtensions
{
    /// <summary>The host names served when channel auth is off and nothing else is configured (DNS rebinding).</summary>
    public const string LoopbackHosts = "localhost;127.0.0.1;[::1]";

    /// <remarks>
    /// Configuration (every key optional; the defaults are shown):
    /// <code>
    /// "AllowedHosts": "localhost;127.0.0.1;[::1]",      // when MicrosoftAppId is empty, else "*"
    /// "Bot": { "AllowUnauthenticatedRemote": false },   // listen beyond loopback with channel auth off
    /// "Chat": { "AllowExternalDirectLine": false },     // the page's ?domain=, token=, tokenUrl=
    /// "RateLimits": {
    ///   "ChatTokenPermitLimit": 10, "ChatTokenWindow": "00:01:00",
    ///   "AgentKeyFailuresBeforeBackoff": 5, "AgentKeyBackoff": "00:00:10",
    ///   "AgentKeyFailuresBeforeLockout": 20, "AgentKeyLockout": "00:15:00"
    /// }
    /// </code>
    /// </remarks>
    /// <summary>The server-wide body limit unless <see cref="MaxRequestBodySizeSetting"/> is set: a studio script's largest circuit message and room for its framing.</summary>
    public const long DefaultMaxRequestBodyBytes = CareBot.Web.Studio.StudioScripts.MaxMessageBytes + (64 * 1024);

    /// <summary>Kestrel's own setting for the largest request body, in bytes.</summary>
    public const string MaxRequestBodySizeSetting = "Kestrel:Limits:MaxRequestBodySize";

    public static IServiceCollection AddCareBotServer(this IServiceCollection services, IConfiguration configuration)
    {
        // First of all hosted services: a refused address must stop the start before migrations touch the database.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, RemoteListeningCheck>());
        services.AddOptions<HostFilteringOptions>().Configure(hosts =>
        {
            // A web page elsewhere can make a browser on this machine reach a loopback server under its own host name
            // (DNS rebinding); without channel auth nothing else would stop it. The web host's defaults fill in "*" later.
            if (string.IsNullOrWhiteSpace(configuration["AllowedHosts"]) && string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"])
                && !configuration.GetValue<bool>(RemoteListeningCheck.AllowSetting))
            {
                hosts.AllowedHosts = LoopbackHosts.Split(';');
            }
        });

        // Kestrel's default body limit is 30 MB. Nothing CareBot takes comes near it: the largest is a studio script sent
        // over a page's circuit when WebSockets are unavailable (long polling posts it). Endpoints keep their own smaller
        // limits; this one also bounds what the framework reads for them (a sign-in form). An operator's
        // Kestrel:Limits:MaxRequestBodySize wins.
        if (configuration[MaxRequestBodySizeSetting] is null)
        {
            services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = DefaultMaxRequestBodyBytes);
        }

        services.AddOptions<AgentOptions>().Bind(configuration.GetSection(AgentOptions.SectionName));
        services.AddSingleton<AgentKeyAuthenticator>();
        services.AddSingleton<AgentKeyLockout>();
        services.AddSingleton<Endpoints.AnalyticsRateLimit>();
        services.AddOptions<CaseFeedOptions>().Bind(configuration.GetSection(CaseFeedOptions.SectionName))
            .Validate(o => o.KeepAliveInterval > TimeSpan.Zero, "CaseFeed:KeepAliveInterval must be positive, e.g. 00:00:15.").ValidateOnStart();
        services.AddOptions<ChatPageOptions>().Bind(configuration.GetSection(ChatPageOptions.SectionName));
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName))
            .Validate(o => o.ChatTokenPermitLimit > 0 && o.ChatTokenWindow > TimeSpan.Zero, "RateLimits:ChatTokenPermitLimit and RateLimits:ChatTokenWindow must be positive, e.g. 10 and 00:01:00.")
            .Validate(o => o.AgentKeyFailuresBeforeBackoff > 0 && o.AgentKeyBackoff > TimeSpan.Zero, "RateLimits:AgentKeyFailuresBeforeBackoff and RateLimits:AgentKeyBackoff must be positive, e.g. 5 and 00:00:10.")
            .Validate(o => o.AgentKeyFailuresBeforeLockout > 0 && o.AgentKeyLockout > TimeSpan.Zero, "RateLimits:AgentKeyFailuresBeforeLockout and RateLimits:AgentKeyLockout must be positive, e.g. 20 and 00:15:00.")
            .Validate(o => o.AnalyticsPermitLimit > 0 && o.AnalyticsWindow > TimeSpan.Zero, "RateLimits:AnalyticsPermitLimit and RateLimits:AnalyticsWindow must be positive, e.g. 30 and 00:01:00.")
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, limits) =>
        {
            limiter.GlobalLimiter = ChatTokenLimiter(limits.Value);
            limiter.OnRejected = (context, cancellationToken) => new ValueTask(TooManyRequests.WriteAsync(
                context.HttpContext,
                context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : limits.Value.ChatTokenWindow,
                "Too many chat tokens from this address."));
        });

        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.SectionName))
            .Validate(o => o.MaxOutboxBacklog > 0, "Health:MaxOutboxBacklog must be positive, e.g. 1000.")
            .Validate(o => o.ShutdownDrainDelay >= TimeSpan.Zero, "Health:ShutdownDrainDelay must not be negative, e.g. 00:00:10.")
            .ValidateOnStart();
        services.AddSingleton<Readiness>();
        services.AddHostedService<GracefulShutdownService>();
        services.AddCareBotTelemetry(configuration);
        services.AddHostedService<TriageCuesHostedService>();
        services.AddHostedService<CareBot.Web.Studio.CueFileRefresher>(); // after the cues are loaded: applies a version published on another instance
        services.AddHostedService<DialogScriptsHostedService>();
        services.AddHostedService<OutboxWorkerHostedService>();

        // Keep last: it marks the server ready once every hosted service before it has started.
        services.AddHostedService<ReadinessHostedService>();
        return services;
    }

    /// <summary>The middleware in front of every route: security headers, the proxied-loopback and metrics guards, rate limits.</summary>
    public static IApplicationBuilder UseCareBotServer(this IApplicationBuilder app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<ProxiedLoopbackGuard>();
        app.UseMiddleware<MetricsLoopbackGuard>();
        app.UseRateLimiter();
        return app;
    }

    // POST /chat/token per client address (anyone can call it, and each call creates a conversation); nothing else.
    private static PartitionedRateLimiter<HttpContext> ChatTokenLimiter(RateLimitOptions limits) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
            HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/chat/token")
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "in-process", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.ChatTokenPermitLimit,
                    Window = limits.ChatTokenWindow,
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("unlimited"));
}
