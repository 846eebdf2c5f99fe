using Microsoft.Extensions.Hosting;

namespace CareBot.Protocol.Hosting;

/// <summary>
/// The token turns run under. Not <see cref="IHostApplicationLifetime.ApplicationStopping"/>, which is cancelled at the
/// first stop signal (SIGTERM) and would fail the turns in flight: this one is cancelled when the host stops this
/// service, which is after the web server stopped, and the web server waits for the requests in flight (turns run
/// inside their request) up to the host's shutdown timeout. So a turn in flight at SIGTERM finishes and commits;
/// only one still running when the host gives up is cancelled.
/// </summary>
public sealed class TurnLifetime : IHostedService, IDisposable
{
    private readonly CancellationTokenSource stopped = new();

    /// <summary>Cancelled once the host gave up waiting for the turns in flight.</summary>
    public CancellationToken Stopped => stopped.Token;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => stopped.CancelAsync();

    public void Dispose() => stopped.Dispose();

    /// <summary>The token for a turn started by a request to this host (without a <see cref="TurnLifetime"/>: shutdown's).</summary>
    public static CancellationToken For(IServiceProvider services) =>
        services.GetService(typeof(TurnLifetime)) is TurnLifetime lifetime
            ? lifetime.Stopped
            : (services.GetService(typeof(IHostApplicationLifetime)) as IHostApplicationLifetime)?.ApplicationStopping ?? CancellationToken.None;
}
