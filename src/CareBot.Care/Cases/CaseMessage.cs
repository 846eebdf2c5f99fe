namespace CareBot.Care.Cases;

/// <summary>One line of a case's transcript.</summary>
/// <param name="At">When it was said.</param>
/// <param name="Thread">Public or private conversation.</param>
/// <param name="Author">Customer, bot or agent.</param>
/// <param name="Name">The agent's name for agent lines; otherwise null.</param>
/// <param name="Text">What was said (as the customer sent it: the case is internal).</param>
public sealed record CaseMessage(DateTimeOffset At, CaseThread Thread, CaseAuthor Author, string? Name, string Text);
