using CareBot.Dialogs.Runtime;
using CareBot.Protocol.Turns;

namespace CareBot.Care.Bot;

/// <summary>
/// Carries out what a dialog turn asked for (take the conversation private, hand it to people, record a rating) after
/// the turn's state was saved and its replies sent.
/// </summary>
public interface IDialogEffectHandler
{
    Task HandleAsync(TurnContext turnContext, DialogEffect effect, CancellationToken cancellationToken);
}
