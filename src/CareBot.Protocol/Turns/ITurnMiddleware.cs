namespace CareBot.Protocol.Turns;

/// <summary>
/// A step that runs around every turn, in registration order: code before <paramref name="nextAsync"/> runs before the bot,
/// code after it runs once the bot (and every later middleware) has finished. Not calling <c>nextAsync</c> ends the turn.
/// </summary>
public interface ITurnMiddleware
{
    Task OnTurnAsync(TurnContext turnContext, Func<CancellationToken, Task> nextAsync, CancellationToken cancellationToken);
}
