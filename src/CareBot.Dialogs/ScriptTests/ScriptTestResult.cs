using CareBot.Dialogs.Model;

namespace CareBot.Dialogs.ScriptTests;

/// <summary>The outcome of one embedded test conversation.</summary>
/// <param name="ScriptId">The dialog tested.</param>
/// <param name="Name">The test's name.</param>
/// <param name="Location">Where the test is written.</param>
/// <param name="Failures">What did not match (empty when it passed), each with file:line:col.</param>
/// <param name="Transcript">The conversation as it went, for the failure report.</param>
public sealed record ScriptTestResult(string ScriptId, string Name, SourceLocation Location, IReadOnlyList<string> Failures, IReadOnlyList<string> Transcript)
{
    /// <summary>Whether every expectation held.</summary>
    public bool Passed => Failures.Count == 0;
}
