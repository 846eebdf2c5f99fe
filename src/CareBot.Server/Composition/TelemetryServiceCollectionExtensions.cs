using CareBot.Protocol.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CareBot.Server.Composition;

/// <summary>
/// Exports the <c>CareBot</c> meter and activity source (see <see cref="CareBotTelemetry"/>): a Prometheus scrape
/// endpoint at <c>/metrics</c> (on by default, this machine only) and OTLP to a collector when an endpoint is set.
/// Traces, with ASP.NET Core, HttpClient and Npgsql spans, are collected only for OTLP: nothing else would read them.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <remarks>
    /// Configuration (every key optional; the defaults are shown):
    /// <code>
    /// "OpenTelemetry": {
    ///   "Otlp": { "Endpoint": "", "Protocol": "Grpc" },        // e.g. "http://localhost:4318" with "HttpProtobuf"
    ///   "Prometheus": { "Enabled": true, "AllowRemote": false }
    /// },
    /// "Health": { "MaxOutboxBacklog": 1000 }
    /// </code>
    /// </remarks>
    public static IServiceCollection AddCareBotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(OpenTelemetryOptions.SectionName);
        services.AddOptions<OpenTelemetryOptions>().Bind(section)
            .Validate(o => o.Otlp.Endpoint is null || o.Otlp.Endpoint.IsAbsoluteUri, "OpenTelemetry:Otlp:Endpoint must be an absolute URL, e.g. http://localhost:4317.")
            .ValidateOnStart();
        var settings = section.Get<OpenTelemetryOptions>() ?? new OpenTelemetryOptions();
        var otlp = settings.Otlp.Endpoint;
        if (!settings.Prometheus.Enabled && otlp is null)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(CareBotTelemetry.Name);
            if (settings.Prometheus.Enabled)
            {
                metrics.AddPrometheusExporter();
            }
        });
        if (otlp is not null)
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddSource(CareBotTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddNpgsql())
                .UseOtlpExporter(settings.Otlp.Protocol, otlp);
        }

        return services;
    }

    /// <summary>Maps <c>GET /metrics</c> when Prometheus is enabled (<see cref="MetricsLoopbackGuard"/> guards it).</summary>
    public static IEndpointRouteBuilder MapCareBotMetrics(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<OpenTelemetryOptions>>().Value.Prometheus.Enabled)
        {
            endpoints.MapPrometheusScrapingEndpoint(MetricsLoopbackGuard.MetricsPath);
        }

        return endpoints;
    }
}
