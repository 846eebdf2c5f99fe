namespace CareBot.Web.Console;

/// <summary>How a console action went: done, or refused with a sentence for the agent.</summary>
public sealed record ConsoleActionResult(bool Done, string? Problem)
{
    public static ConsoleActionResult Ok { get; } = new(true, null);

    public static ConsoleActionResult Refused(string problem) => new(false, problem);
}
