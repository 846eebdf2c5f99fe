using CareBot.Dialogs.Runtime;
using CareBot.Protocol.Turns;
using Microsoft.Extensions.Logging;

namespace CareBot.Care.Bot;

/// <summary>
/// The stand-in until cases, the outbox and the private move are built: it records that an effect was requested and
/// does nothing else. Registered only when no real handler is.
/// </summary>
public sealed class LoggingDialogEffectHandler : IDialogEffectHandler
{
    private readonly ILogger<LoggingDialogEffectHandler> logger;

    public LoggingDialogEffectHandler(ILogger<LoggingDialogEffectHandler> logger) => this.logger = logger;

    public Task HandleAsync(TurnContext turnContext, DialogEffect effect, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(effect);
        BotLog.EffectNotWired(logger, effect.GetType().Name, turnContext.Activity.ChannelId);
        return Task.CompletedTask;
    }
}
