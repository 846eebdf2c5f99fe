namespace CareBot.Server.RateLimiting;

/// <summary>
/// Request rate limits per client IP address (section <c>RateLimits</c>); over a limit the answer is 429 with
/// <c>Retry-After</c>. Behind a reverse proxy every client has the proxy's address, so the limits apply to all together.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Chat page tokens (<c>POST /chat/token</c>) one client may get per <see cref="ChatTokenWindow"/>. Default 10.</summary>
    public int ChatTokenPermitLimit { get; set; } = 10;

    /// <summary>The window of <see cref="ChatTokenPermitLimit"/>. Default 1 minute.</summary>
    public TimeSpan ChatTokenWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Wrong agent API keys a client may send before it must wait <see cref="AgentKeyBackoff"/> between tries. Default 5.</summary>
    public int AgentKeyFailuresBeforeBackoff { get; set; } = 5;

    /// <summary>After the free failures, one more try per this period. Default 10 seconds.</summary>
    public TimeSpan AgentKeyBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Wrong keys within <see cref="AgentKeyLockout"/> after which the client is locked out (good keys too). Default 20.</summary>
    public int AgentKeyFailuresBeforeLockout { get; set; } = 20;

    /// <summary>The lock-out window: failures are counted per window, and a locked-out client waits for its end. Default 15 minutes.</summary>
    public TimeSpan AgentKeyLockout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Reports (<c>GET /api/analytics</c>) one caller (signed-in user or agent key) may ask for per <see cref="AnalyticsWindow"/>. Default 30.</summary>
    public int AnalyticsPermitLimit { get; set; } = 30;

    /// <summary>The window of <see cref="AnalyticsPermitLimit"/>. Default 1 minute.</summary>
    public TimeSpan AnalyticsWindow { get; set; } = TimeSpan.FromMinutes(1);
}
