namespace CareBot.Protocol.Turns;

/// <summary>Runs the middleware in order and then the bot, for one turn.</summary>
public sealed class TurnPipeline
{
    private readonly ITurnMiddleware[] _middleware;
    private readonly IBot _bot;

    /// <param name="middleware">In the order they run: the first wraps all the others.</param>
    /// <param name="bot">Runs last, inside every middleware.</param>
    public TurnPipeline(IEnumerable<ITurnMiddleware> middleware, IBot bot)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        ArgumentNullException.ThrowIfNull(bot);
        _middleware = middleware.ToArray();
        _bot = bot;
    }

    /// <summary>Runs the turn; exceptions from a middleware or the bot propagate.</summary>
    public Task RunAsync(TurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return RunFromAsync(0, turnContext, cancellationToken);
    }

    private Task RunFromAsync(int index, TurnContext turnContext, CancellationToken cancellationToken) =>
        index == _middleware.Length
            ? _bot.OnTurnAsync(turnContext, cancellationToken)
            : _middleware[index].OnTurnAsync(turnContext, ct => RunFromAsync(index + 1, turnContext, ct), cancellationToken);
}
