using CareBot.Dialogs.ScriptTests;
using CareBot.Dialogs.Validation;

namespace CareBot.Web.Studio;

/// <summary>The outcome of "Run tests" on a draft: the set's errors (then no test ran), or every test's result.</summary>
public sealed record StudioTestRun(IReadOnlyList<Diagnostic> Errors, IReadOnlyList<ScriptTestResult> Results)
{
    /// <summary>Whether the set is valid and every test passed.</summary>
    public bool Passed => Errors.Count == 0 && Results.All(r => r.Passed);

    public int FailedCount => Results.Count(r => !r.Passed);
}
