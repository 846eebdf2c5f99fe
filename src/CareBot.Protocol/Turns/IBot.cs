namespace CareBot.Protocol.Turns;

/// <summary>
/// The bot: the one place where the protocol hands a turn to application logic. Called once per inbound activity, after
/// the middleware; whatever it sends through the <see cref="TurnContext"/> goes to the channel (or, for
/// <c>expectReplies</c>, into the HTTP answer). Route activity types with a plain switch on
/// <c>turnContext.Activity.Type</c>; ignore types you don't know.
/// </summary>
public interface IBot
{
    /// <summary>Handles one turn. An exception fails the turn: the endpoint answers 500 and the channel's retry is processed again.</summary>
    Task OnTurnAsync(TurnContext turnContext, CancellationToken cancellationToken);
}
