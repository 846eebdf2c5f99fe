using System.Diagnostics.Metrics;
using System.Text.Json;
using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Protocol.Connector;
using CareBot.Protocol.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Care.Delivery;

/// <summary>
/// One pass of the outbox: claim due messages (with a lease, so a crashed worker's messages come back), deliver each,
/// then mark it sent, schedule a retry with backoff and jitter, or mark it dead. The hosted worker calls
/// <see cref="RunOnceAsync"/> in a loop; tests call it directly.
/// </summary>
public sealed class OutboxProcessor(
    IOutboxStore outbox,
    IServiceScopeFactory scopes,
    ICaseEventFeed feed,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxProcessor> logger)
{
    /// <summary>Delivers what is due now; returns how many messages it claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var policy = settings.RetryPolicy();
        var claimed = await outbox.ClaimDueAsync(settings.BatchSize, settings.Lease, cancellationToken).ConfigureAwait(false);
        foreach (var message in claimed)
        {
            // A scope per message: the Connector's typed HttpClient and the turn's services are not for the process's life.
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                try
                {
                    var outcome = await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DeliverAsync(message, cancellationToken).ConfigureAwait(false);
                    await outbox.MarkSentAsync(message.Id, cancellationToken).ConfigureAwait(false);
                    DeliveryLog.Delivered(logger, message.Id, message.Kind, message.Attempts);
                    Count(CareBotTelemetry.OutboxDeliveries, message, "opened");
                    if (outcome is not null)
                    {
                        feed.PublishAll(outcome.CaseEvents);
                        if (outcome.Enqueued)
                        {
                            signal.Notify();
                        }
                    }
                }
                catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    await FailAsync(message, failure, policy, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return claimed.Count;
    }

    private async Task FailAsync(OutboxMessage message, Exception failure, OutboxRetryPolicy policy, CancellationToken cancellationToken)
    {
        var error = $"{failure.GetType().Name}: {failure.Message}";
        if (IsPermanent(failure) || policy.IsExhausted(message.Attempts))
        {
            await outbox.MarkDeadAsync(message.Id, error, cancellationToken).ConfigureAwait(false);
            DeliveryLog.Dead(logger, failure, message.Id, message.Kind, message.Attempts);
            Count(CareBotTelemetry.OutboxDeadLetters, message, "failed");
            return;
        }

        var next = time.GetUtcNow() + policy.DelayAfter(message.Attempts, Random.Shared.NextDouble());
        await outbox.ScheduleRetryAsync(message.Id, next, error, cancellationToken).ConfigureAwait(false);
        DeliveryLog.RetryScheduled(logger, failure, message.Id, message.Kind, message.Attempts, next);
        CareBotTelemetry.OutboxRetries.Add(1, new KeyValuePair<string, object?>("kind", message.Kind.ToString()));
    }

    /// <summary>Counts a delivered or dead message by kind; a move to a private conversation also counts as its result.</summary>
    private static void Count(Counter<long> counter, OutboxMessage message, string takeOfflineResult)
    {
        counter.Add(1, new KeyValuePair<string, object?>("kind", message.Kind.ToString()));
        if (message.Kind == OutboxKind.TakeOffline)
        {
            CareBotTelemetry.TakeOfflineResults.Add(1, new KeyValuePair<string, object?>("result", takeOfflineResult));
        }
    }

    /// <summary>Failures no retry can fix: a payload this version can't read, an invalid address, a channel's 4xx.</summary>
    private static bool IsPermanent(Exception failure) => failure switch
    {
        JsonException or ArgumentException or NotSupportedException => true,
        ConnectorException connector => !connector.IsTransient,
        _ => false,
    };
}
