namespace CareBot.Server.Health;

/// <summary>
/// Whether the server finished starting (storage migrated, dialogs loaded) and is not yet stopping. Set ready by
/// <see cref="ReadinessHostedService"/>, the last hosted service to start, and stopping by
/// <see cref="GracefulShutdownService"/> the moment the host is asked to stop; read by <c>GET /healthz</c>.
/// </summary>
public sealed class Readiness
{
    private volatile bool ready;
    private volatile bool stopping;

    public bool IsReady => ready && !stopping;

    /// <summary>True once the host was asked to stop (SIGTERM, Ctrl-C): a load balancer should send nothing new.</summary>
    public bool IsStopping => stopping;

    public void MarkReady() => ready = true;

    public void MarkStopping() => stopping = true;
}
