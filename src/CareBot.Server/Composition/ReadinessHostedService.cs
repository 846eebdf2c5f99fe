using CareBot.Server.Health;

namespace CareBot.Server.Composition;

/// <summary>Registered last: hosted services start in order, so when this one starts every earlier one has.</summary>
public sealed class ReadinessHostedService(Readiness readiness) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        readiness.MarkReady();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
