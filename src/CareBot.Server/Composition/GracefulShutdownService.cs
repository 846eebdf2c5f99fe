using CareBot.Server.Health;
using Microsoft.Extensions.Options;

namespace CareBot.Server.Composition;

/// <summary>
/// The first step of a graceful stop (SIGTERM, Ctrl-C): before any service stops, readiness turns 503 and the server
/// goes on serving for <see cref="HealthOptions.ShutdownDrainDelay"/>, so a load balancer moves new traffic to the other
/// instances. Then the host stops Kestrel, which accepts no new connection and waits for the requests in flight (turns
/// run inside their request, so they finish and commit), then the outbox worker and the rest; the process exits.
/// </summary>
public sealed partial class GracefulShutdownService(
    Readiness readiness, IOptions<HealthOptions> options, TimeProvider time, ILogger<GracefulShutdownService> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs before every hosted service's (and Kestrel's) StopAsync.</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        readiness.MarkStopping();
        var delay = options.Value.ShutdownDrainDelay;
        LogDraining(logger, delay.TotalSeconds);
        if (delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The host's shutdown timeout ran out: stop now.
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 5500, Level = LogLevel.Information, Message = "Stopping: readiness answers 503; serving for {DrainSeconds} s more, then finishing the requests in flight")]
    private static partial void LogDraining(ILogger logger, double drainSeconds);
}
