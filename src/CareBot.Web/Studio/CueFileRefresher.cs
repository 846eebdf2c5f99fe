using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Web.Studio;

/// <summary>
/// Applies a triage cue file published on another instance: at start-up and then every
/// <see cref="LiveSettingsOptions.PollInterval"/> (polling one indexed row is simple and works on SQLite too).
/// </summary>
public sealed class CueFileRefresher(CueFilePublisher publisher, IOptions<LiveSettingsOptions> options, TimeProvider time, ILogger<CueFileRefresher> logger)
    : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await TryApplyAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await TryApplyAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task TryApplyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await publisher.ApplyLatestAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A database that is briefly away (or a bad recorded text) must not stop the host: the cues in use stay.
            CueFileLog.ApplyFailed(logger, exception);
        }
    }
}
