namespace CareBot.Dialogs.Model;

/// <summary>A reference from one node to another (next, goto, fallback...), with where it was written.</summary>
public sealed record NodeLink(string Target, SourceLocation Location, string Field);
