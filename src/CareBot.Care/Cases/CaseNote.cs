namespace CareBot.Care.Cases;

/// <summary>An internal note: agents only, never sent to the customer.</summary>
public sealed record CaseNote(DateTimeOffset At, string Author, string Text);
