namespace CareBot.Server.Agents;

/// <summary>
/// Agents who may use the case API, until the console's login exists (section <c>Agents</c>):
/// <c>"Agents": { "ApiKeys": { "ana": "long-random-key" } }</c>, or the environment <c>Agents__ApiKeys__ana=...</c>.
/// Each agent sends <c>Authorization: Bearer &lt;key&gt;</c>. No keys configured: the case API answers 401 to everyone.
/// </summary>
public sealed class AgentOptions
{
    public const string SectionName = "Agents";

    /// <summary>Agent name → API key.</summary>
    public Dictionary<string, string> ApiKeys { get; set; } = new(StringComparer.Ordinal);
}
