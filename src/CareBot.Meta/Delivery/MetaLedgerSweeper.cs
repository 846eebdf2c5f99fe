using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Meta.Delivery;

/// <summary>
/// Once an hour, forgets the Meta channel's bookkeeping that can no longer be used (<see cref="MetaLedger.ForgetOldAsync"/>),
/// so the state store does not grow with every comment ever answered. Every instance may run it: deleting what is
/// already gone is a no-op. A failed sweep is logged and tried again at the next hour.
/// </summary>
internal sealed class MetaLedgerSweeper(MetaLedger ledger, IOptions<MetaOptions> options, TimeProvider time, ILogger<MetaLedgerSweeper> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            await SweepAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>One sweep; never throws but for shutdown.</summary>
    internal async Task SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            var settings = options.Value;
            var forgotten = await ledger.ForgetOldAsync(time.GetUtcNow(), settings.PrivateReplyWindow, settings.ContactRetention, cancellationToken).ConfigureAwait(false);
            if (forgotten > 0)
            {
                MetaLog.LedgerSwept(logger, forgotten);
            }
        }
        catch (Exception failed) when (failed is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            MetaLog.LedgerSweepFailed(logger, failed);
        }
    }
}
