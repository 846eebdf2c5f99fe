namespace CareBot.Dialogs.Model;

/// <summary>One text the bot may say, with its <c>{placeholders}</c> already found.</summary>
public sealed record Template(string Text, SourceLocation Location, IReadOnlyList<string> Placeholders);
