using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Protocol.Auth;

/// <summary>Says at start-up whether authentication is on, and loudly when it is off.</summary>
internal sealed class AuthenticationStartupReport(
    IOptions<BotFrameworkAuthenticationOptions> options, ILogger<AuthenticationStartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        BotFrameworkAuthenticationOptions settings = options.Value;
        if (settings.IsAuthenticationEnabled)
        {
            AuthLog.AuthenticationOn(
                logger, settings.MicrosoftAppId!, settings.MicrosoftAppType,
                settings.EmulatorTokensEnabled ? "accepted" : "refused", settings.EffectiveChannelOpenIdMetadataUrl);
        }
        else
        {
            AuthLog.AuthenticationOff(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
