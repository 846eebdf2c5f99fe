namespace CareBot.Web.Console;

/// <summary>Someone else who has a case open, and whether they are writing a reply on it.</summary>
public sealed record CaseViewer(string User, bool Typing);
