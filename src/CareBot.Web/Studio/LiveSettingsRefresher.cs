using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Web.Studio;

/// <summary>
/// Applies the saved settings at start-up (before the server takes requests) and then every
/// <see cref="LiveSettingsOptions.PollInterval"/>, so a save made on another instance reaches this one.
/// </summary>
internal sealed class LiveSettingsRefresher(LiveSettings settings, IOptions<LiveSettingsOptions> options, TimeProvider time, ILogger<LiveSettingsRefresher> logger)
    : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await TryReloadAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await TryReloadAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task TryReloadAsync(CancellationToken cancellationToken)
    {
        try
        {
            await settings.ReloadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A database that is briefly away must not stop the host: the values in force stay until the next poll.
            LiveSettingsLog.ReadFailed(logger, exception);
        }
    }
}
