namespace CareBot.Server.Composition;

/// <summary>What readiness (<c>GET /healthz/ready</c>) demands beyond a finished start (section <c>Health</c>).</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>Outbox messages waiting for delivery at or above which the server reports not ready. Default 1000.</summary>
    public int MaxOutboxBacklog { get; set; } = 1000;
}
