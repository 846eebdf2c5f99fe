namespace CareBot.Server.Composition;

/// <summary>
/// Whether the server finished starting (storage migrated, dialogs loaded). Set by <see cref="ReadinessHostedService"/>,
/// the last hosted service to start; read by <c>GET /healthz</c>.
/// </summary>
public sealed class Readiness
{
    private volatile bool ready;

    public bool IsReady => ready;

    public void MarkReady() => ready = true;
}
