namespace CareBot.Dialogs.Model;

/// <summary>A test conversation embedded in a script.</summary>
public sealed record ScriptTest(string Name, SourceLocation Location, bool Public, string UserName, IReadOnlyList<ScriptTestStep> Steps)
{
    /// <summary>
    /// The integrations the test runs with (<c>integrations: [orders]</c>), besides those whose lookups its steps stub;
    /// none by default, as a bot without <c>Integrations:</c> in its configuration.
    /// </summary>
    public IReadOnlyList<string> Integrations { get; init; } = [];
}
