using CareBot.Care.Studio;

namespace CareBot.Web.Studio;

/// <summary>What became of a publish or roll-back: the version now live, or why nothing changed.</summary>
/// <param name="Publication">The version recorded, when it went live.</param>
/// <param name="Problem">Why it was refused, for people; null when it went live.</param>
/// <param name="NeedsOverwrite">True when refused only because the live version changed since the draft's base.</param>
/// <param name="Tests">The test run, when tests ran.</param>
public sealed record PublishResult(ScriptPublication? Publication, string? Problem, bool NeedsOverwrite = false, StudioTestRun? Tests = null)
{
    public bool Published => Publication is not null;

    public static PublishResult Refused(string problem, StudioTestRun? tests = null) => new(null, problem, false, tests);
}
