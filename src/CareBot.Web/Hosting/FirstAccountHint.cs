using CareBot.Care.Agents;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CareBot.Web.Hosting;

/// <summary>At start, when there is no console account at all, says how to create the first one.</summary>
internal sealed partial class FirstAccountHint(IAgentAccountStore accounts, ILogger<FirstAccountHint> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await accounts.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            NoAccounts(logger);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 6000, Level = LogLevel.Warning, Message = "The agent console (/agent) has no accounts yet. Create the first one with: dotnet run --project src/CareBot.Server -- agents add NAME --role admin --queues care (the password is asked for, or read from standard input)")]
    private static partial void NoAccounts(ILogger logger);
}
