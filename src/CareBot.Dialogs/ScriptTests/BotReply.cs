namespace CareBot.Dialogs.ScriptTests;

/// <summary>One bot message in a test or chat transcript, and the thread it went to.</summary>
public sealed record BotReply(string Text, bool IsPublic);
