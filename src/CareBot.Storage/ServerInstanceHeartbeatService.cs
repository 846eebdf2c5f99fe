using CareBot.Storage.Sql;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CareBot.Storage;

/// <summary>
/// Registers this process when the host starts (before it serves), renews its heartbeat every
/// <see cref="StorageOptions.InstanceHeartbeat"/> while it runs, and deregisters it when the host stops.
/// </summary>
internal sealed class ServerInstanceHeartbeatService(
    ServerInstanceRegistry registry, TimeProvider time, StorageOptions options, ILogger<ServerInstanceHeartbeatService> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await registry.HeartbeatAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await registry.DepartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown timeout ran out first (e.g. waiting for the SQLite writer): leaving is best effort.
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Not fatal: the instance then counts as gone once its process has exited or its heartbeat is stale.
            logger.HeartbeatFailed(exception);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.InstanceHeartbeat, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await registry.HeartbeatAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The storage may be down for a while; the next tick tries again.
                    logger.HeartbeatFailed(exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
