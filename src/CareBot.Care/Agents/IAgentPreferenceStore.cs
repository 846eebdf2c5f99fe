namespace CareBot.Care.Agents;

/// <summary>
/// Small per-agent settings the console remembers across sign-ins (the inbox filter, notification opt-in), each a JSON
/// document under a name. The console owns their shapes; the store only keeps them.
/// </summary>
public interface IAgentPreferenceStore
{
    /// <summary>The most characters a stored preference may have.</summary>
    public const int MaxLength = 4096;

    /// <summary>The preference's JSON, or null when the agent never saved it.</summary>
    Task<string?> GetAsync(string userName, string name, CancellationToken cancellationToken);

    /// <summary>Stores (or replaces) the preference.</summary>
    Task SaveAsync(string userName, string name, string json, CancellationToken cancellationToken);
}
