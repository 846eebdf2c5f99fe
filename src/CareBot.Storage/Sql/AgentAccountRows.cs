using CareBot.Care.Agents;

namespace CareBot.Storage.Sql;

/// <summary>What account rows need besides SQL: the role's column text and the checks before a write.</summary>
internal static class AgentAccountRows
{
    public static string Role(AgentRole role) => role switch
    {
        AgentRole.Agent => "agent",
        AgentRole.Supervisor => "supervisor",
        AgentRole.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown agent role."),
    };

    public static AgentRole Role(string text) => text switch
    {
        "agent" => AgentRole.Agent,
        "supervisor" => AgentRole.Supervisor,
        "admin" => AgentRole.Admin,
        _ => throw new InvalidOperationException($"agent_accounts holds an unknown role '{text}'."),
    };

    public static void Validate(AgentAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(account.UserName);
        ArgumentException.ThrowIfNullOrWhiteSpace(account.PasswordHash);
        ArgumentNullException.ThrowIfNull(account.Queues);
        ValidateEmail(account.Email);
    }

    public static void ValidateEmail(string? email)
    {
        if (email is not null && AgentEmailAddress.Normalize(email) != email)
        {
            throw new ArgumentException(AgentEmailAddress.Rule, nameof(email));
        }
    }
}
