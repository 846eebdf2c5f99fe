using CareBot.Protocol.Middleware;
using Microsoft.Extensions.Logging;

namespace CareBot.Storage.Sql;

/// <summary>
/// Keeps this process registered as a running <see cref="ServerInstance"/> (a heartbeat row) and forgets instances that
/// are gone, so that the activity claims they left behind are taken over at once rather than after the claim lifetime.
/// Gone means: deregistered at shutdown; or on this machine, its OS process no longer runs (a kill or crash, recognised
/// at once); or, anywhere, no heartbeat for <paramref name="instanceTimeout"/> (<c>Storage:InstanceTimeout</c>).
/// </summary>
internal sealed class ServerInstanceRegistry(
    IServerInstanceStore store, ServerInstance current, TimeProvider time, TimeSpan heartbeat, TimeSpan instanceTimeout, ILogger<ServerInstanceRegistry> logger)
{
    private long _lastBeatTicks = long.MinValue;

    /// <summary>This process.</summary>
    public ServerInstance Current => current;

    /// <summary>Heartbeats older than this belong to instances that are gone.</summary>
    public DateTimeOffset AliveSince(DateTimeOffset now) => now - instanceTimeout;

    /// <summary>
    /// Renews this instance's heartbeat when it is older than <paramref name="heartbeat"/> (<c>Storage:InstanceHeartbeat</c>): called before
    /// every claim, so that a claim is never made by an instance that others would take for gone (the background
    /// heartbeat may be late, or not run at all without a host).
    /// </summary>
    public async ValueTask EnsureFreshAsync(CancellationToken cancellationToken)
    {
        var sinceLastBeat = time.GetUtcNow().UtcTicks - Interlocked.Read(ref _lastBeatTicks);
        if (sinceLastBeat >= 0 && sinceLastBeat < heartbeat.Ticks)
        {
            return;
        }

        await HeartbeatAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Renews this instance's heartbeat and forgets instances that are gone (stale, or dead on this machine).</summary>
    public async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await store.BeatAsync(current, now, AliveSince(now), cancellationToken).ConfigureAwait(false);
        Interlocked.Exchange(ref _lastBeatTicks, now.UtcTicks);
        foreach (var other in await store.ListOnHostAsync(current.HostName, cancellationToken).ConfigureAwait(false))
        {
            await ForgetIfGoneAsync(other, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Forgets <paramref name="owner"/> when its process is known to be gone (it ran on this machine and no longer runs);
    /// true then. This instance is never gone to itself.
    /// </summary>
    public async Task<bool> ForgetIfGoneAsync(ServerInstance owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (owner.Id == current.Id || !owner.IsGoneFrom(current.HostName))
        {
            return false;
        }

        await store.ForgetAsync(owner.Id, cancellationToken).ConfigureAwait(false);
        logger.InstanceGone(owner.Id, owner.HostName, owner.ProcessId);
        return true;
    }

    /// <summary>Deregisters this instance (graceful shutdown): its claims, if any are left, are free at once.</summary>
    public Task DepartAsync(CancellationToken cancellationToken) => store.ForgetAsync(current.Id, cancellationToken);
}
