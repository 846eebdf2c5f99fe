using OpenTelemetry.Exporter;

namespace CareBot.Server.Composition;

/// <summary>Where CareBot's metrics and traces go (section <c>OpenTelemetry</c>). Nothing is exported unless configured here.</summary>
public sealed class OpenTelemetryOptions
{
    public const string SectionName = "OpenTelemetry";

    /// <summary>The OTLP exporter (metrics, traces and logs to a collector).</summary>
    public OtlpSettings Otlp { get; set; } = new();

    /// <summary>The Prometheus scrape endpoint <c>GET /metrics</c>.</summary>
    public PrometheusSettings Prometheus { get; set; } = new();

    public sealed class OtlpSettings
    {
        /// <summary>
        /// The collector's base address, e.g. <c>http://localhost:4317</c> (gRPC) or <c>http://localhost:4318</c>
        /// (HTTP; <c>/v1/metrics</c> and <c>/v1/traces</c> are appended). Default empty: OTLP export and tracing are off.
        /// </summary>
        public Uri? Endpoint { get; set; }

        /// <summary><c>Grpc</c> or <c>HttpProtobuf</c>. Default <c>Grpc</c>.</summary>
        public OtlpExportProtocol Protocol { get; set; } = OtlpExportProtocol.Grpc;
    }

    public sealed class PrometheusSettings
    {
        /// <summary>Serve <c>GET /metrics</c> in the Prometheus text format. Default true.</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>Answer scrapes from other machines (and through proxies); default false: this machine only, others get 403.</summary>
        public bool AllowRemote { get; set; }
    }
}
