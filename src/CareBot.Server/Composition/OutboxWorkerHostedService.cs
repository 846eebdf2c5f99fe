using CareBot.Care.Delivery;
using CareBot.Care.Stores;
using Microsoft.Extensions.Options;

namespace CareBot.Server.Composition;

/// <summary>
/// Delivers the outbox in the background: a pass right after a commit wakes it (<see cref="OutboxSignal"/>), else one
/// every poll interval. A pass that found work is followed by another at once, so a turn's replies that the previous
/// message enqueued go out without waiting. Off when <c>Outbox:Enabled</c> is false.
/// </summary>
internal sealed partial class OutboxWorkerHostedService(
    OutboxProcessor processor,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    ILogger<OutboxWorkerHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            WorkerDisabled(logger);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            int claimed;
            try
            {
                claimed = await processor.RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure)
            {
                // The database may be briefly unavailable: keep the worker alive and try again at the next poll.
                PassFailed(logger, failure);
                claimed = 0;
            }

            if (claimed == 0)
            {
                try
                {
                    await signal.WaitAsync(options.Value.PollInterval, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(EventId = 5300, Level = LogLevel.Warning, Message = "Outbox delivery is off on this instance (Outbox:Enabled = false); messages wait for an instance that delivers")]
    private static partial void WorkerDisabled(ILogger logger);

    [LoggerMessage(EventId = 5301, Level = LogLevel.Error, Message = "An outbox pass failed; trying again after the poll interval")]
    private static partial void PassFailed(ILogger logger, Exception exception);
}
