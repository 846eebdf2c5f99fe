namespace CareBot.Dialogs.Runtime;

/// <summary>The root dialog ended; the host may close a bot-handled case.</summary>
public sealed record EndEffect : DialogEffect;
