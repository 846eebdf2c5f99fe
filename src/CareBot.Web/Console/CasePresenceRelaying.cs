using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CareBot.Web.Console;

/// <summary>
/// Sends this instance's viewers of a case to the other instances whenever they change, renews all of them every
/// <see cref="CasePresence.Renewal"/> and forgets the others' that were not renewed. Does nothing without a relay
/// (SQLite: one process).
/// </summary>
internal sealed class CasePresenceRelaying(CasePresence presence, TimeProvider time, ILogger<CasePresenceRelaying> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (presence.Relay is not { } relay)
        {
            return;
        }

        var nextRenewal = time.GetUtcNow();
        try
        {
            while (true)
            {
                var wait = nextRenewal - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await ChangeOrTimeAsync(wait, stoppingToken).ConfigureAwait(false);
                }

                var cases = new HashSet<string>(StringComparer.Ordinal);
                while (presence.ToAnnounce.TryRead(out var changed))
                {
                    cases.Add(changed);
                }

                if (time.GetUtcNow() >= nextRenewal)
                {
                    cases.UnionWith(presence.CasesViewedHere());
                    presence.ForgetExpired();
                    nextRenewal = time.GetUtcNow() + presence.Renewal;
                }

                foreach (var caseId in cases)
                {
                    try
                    {
                        await relay.SendAsync(presence.Announcement(caseId), stoppingToken).ConfigureAwait(false);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        // The database is briefly away: the next renewal sends it again, the pages here are unaffected.
                        logger.PresenceNotSent(caseId, presence.Renewal, exception);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ChangeOrTimeAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        using var timeout = new CancellationTokenSource(wait, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        try
        {
            await presence.ToAnnounce.WaitToReadAsync(either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // Time to renew.
        }
    }
}
