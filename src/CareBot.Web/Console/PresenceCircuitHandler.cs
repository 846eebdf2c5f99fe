using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CareBot.Web.Console;

/// <summary>
/// Takes an agent off "who is viewing" the moment their browser connection drops (a closed tab, a sleeping laptop),
/// instead of when the server finally discards the disconnected page minutes later; puts them back if it reconnects.
/// </summary>
internal sealed class PresenceCircuitHandler(CircuitVisits visits) : CircuitHandler
{
    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        visits.SetConnected(false);
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        visits.SetConnected(true);
        return Task.CompletedTask;
    }
}
