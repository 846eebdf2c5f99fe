namespace CareBot.Protocol.DirectLine;

/// <summary>
/// What the channel's history keeps of a user's message text: the bot's turn gets the text whole, the stored echo (the
/// history Web Chat shows and reloads) gets <see cref="Redact"/>'s copy. Hosting registers one when the bot takes things
/// out of what it keeps (CareBot: card numbers and passwords), so the history never holds more than the bot does.
/// </summary>
public interface IUserTextRedactor
{
    /// <summary>The text to keep for <paramref name="text"/>; null stays null.</summary>
    string? Redact(string? text);
}
