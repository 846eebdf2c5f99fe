using CareBot.Protocol.Middleware;

namespace CareBot.Storage.Sql;

/// <summary>The <c>server_instances</c> table of one engine; <see cref="ServerInstanceRegistry"/> holds the logic.</summary>
internal interface IServerInstanceStore
{
    /// <summary>Registers <paramref name="instance"/> or renews its heartbeat, and forgets every instance whose heartbeat is older than <paramref name="staleBefore"/>.</summary>
    Task BeatAsync(ServerInstance instance, DateTimeOffset now, DateTimeOffset staleBefore, CancellationToken cancellationToken);

    /// <summary>The registered instances on machine <paramref name="hostName"/>.</summary>
    Task<IReadOnlyList<ServerInstance>> ListOnHostAsync(string hostName, CancellationToken cancellationToken);

    /// <summary>Removes an instance's registration; its claims count as abandoned from then on.</summary>
    Task ForgetAsync(string instanceId, CancellationToken cancellationToken);
}
