using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CareBot.Server.Agents;

/// <summary>Finds the agent an API key belongs to, comparing in constant time.</summary>
public sealed class AgentKeyAuthenticator(IOptionsMonitor<AgentOptions> options)
{
    private const string Scheme = "Bearer ";

    /// <summary>The agent's name, or null when the header is missing, malformed or carries an unknown key.</summary>
    public string? AgentFor(string? authorizationHeader)
    {
        if (authorizationHeader is null || !authorizationHeader.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return null;
        }

        var presented = Encoding.UTF8.GetBytes(authorizationHeader[Scheme.Length..].Trim());
        string? agent = null;
        foreach (var (name, key) in options.CurrentValue.ApiKeys)
        {
            // Every configured key is compared, so the time taken doesn't tell which one (or how much of it) matched.
            if (!string.IsNullOrEmpty(key) && CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(key)))
            {
                agent = name;
            }
        }

        return presented.Length == 0 ? null : agent;
    }
}
