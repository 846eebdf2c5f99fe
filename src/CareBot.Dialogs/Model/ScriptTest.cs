namespace CareBot.Dialogs.Model;

/// <summary>A test conversation embedded in a script.</summary>
public sealed record ScriptTest(string Name, SourceLocation Location, bool Public, string UserName, IReadOnlyList<ScriptTestStep> Steps);
