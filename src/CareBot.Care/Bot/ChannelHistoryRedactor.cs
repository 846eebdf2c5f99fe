using CareBot.Protocol.DirectLine;

namespace CareBot.Care.Bot;

/// <summary>
/// The built-in chat's history keeps a customer's message as the bot keeps it (<see cref="SecretRedactor"/>): Web Chat
/// shows "[card ending 1111]" back, and the history (memory, or PostgreSQL with several instances) never holds the card
/// number or password the customer typed.
/// </summary>
public sealed class ChannelHistoryRedactor : IUserTextRedactor
{
    public string? Redact(string? text) => SecretRedactor.Redact(text);
}
