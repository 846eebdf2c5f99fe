namespace CareBot.Web.Console;

/// <summary>How a console action went: done, or refused with a sentence for the agent and the kind of refusal.</summary>
public sealed record ConsoleActionResult(bool Done, string? Problem, ConsoleRefusal Refusal = ConsoleRefusal.None)
{
    public static ConsoleActionResult Ok { get; } = new(true, null);

    public static ConsoleActionResult Refused(string problem, ConsoleRefusal refusal = ConsoleRefusal.NotPossible) => new(false, problem, refusal);
}
