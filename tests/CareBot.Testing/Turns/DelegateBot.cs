using CareBot.Protocol.Turns;

namespace CareBot.Testing.Turns;

/// <summary>A bot made of a lambda, counting its turns: for tests of the pipeline around the bot.</summary>
public sealed class DelegateBot(Func<TurnContext, CancellationToken, Task> onTurn) : IBot
{
    private int _turns;

    /// <summary>A bot that replies "echo: {text}" to every message.</summary>
    public static DelegateBot Echo() => new(async (turn, ct) =>
    {
        if (turn.Activity.Type == "message")
        {
            await turn.SendActivityAsync("echo: " + turn.Activity.Text, ct);
        }
    });

    /// <summary>How many turns ran.</summary>
    public int Turns => Volatile.Read(ref _turns);

    public Task OnTurnAsync(TurnContext turnContext, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _turns);
        return onTurn(turnContext, cancellationToken);
    }
}
