namespace CareBot.Server.Health;

/// <summary>What readiness (<c>GET /healthz/ready</c>) demands beyond a finished start (section <c>Health</c>).</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>Outbox messages waiting for delivery at or above which the server reports not ready. Default 1000.</summary>
    public int MaxOutboxBacklog { get; set; } = 1000;

    /// <summary>
    /// How long, after SIGTERM (or Ctrl-C), the server goes on serving while readiness already answers 503, so that a
    /// load balancer takes it out of rotation before it stops accepting connections; then it finishes the requests in
    /// flight (turns included) and exits. Set it to the load balancer's health-check interval times its failure
    /// threshold. Default 0 (one instance: nothing to wait for).
    /// </summary>
    public TimeSpan ShutdownDrainDelay { get; set; } = TimeSpan.Zero;
}
