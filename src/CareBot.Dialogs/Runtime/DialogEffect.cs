namespace CareBot.Dialogs.Runtime;

/// <summary>Something the host must do after saving the turn (effects become cases and outbox rows).</summary>
public abstract record DialogEffect;
