using CareBot.Care.Triage;

namespace CareBot.Server.Composition;

/// <summary>
/// Loads the triage cue file at start-up (triage itself is created lazily): an invalid file stops the server with its
/// file:line:col diagnostics instead of failing the first customer's message.
/// </summary>
public sealed class TriageCuesHostedService(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<ITriageService>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
