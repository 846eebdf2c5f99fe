using CareBot.Care.Agents;

namespace CareBot.Storage.Sql;

/// <summary>Argument checks shared by both engines' preference stores.</summary>
internal static class AgentPreferenceRows
{
    public static void Validate(string userName, string name, string? json = "{}")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(json.Length, IAgentPreferenceStore.MaxLength, nameof(json));
    }
}
