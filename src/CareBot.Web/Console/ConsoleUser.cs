using System.Security.Claims;
using CareBot.Care.Agents;

namespace CareBot.Web.Console;

/// <summary>Who is signed in to the console, as the cookie carries it: user name, display name and role.</summary>
public sealed record ConsoleUser(string UserName, string DisplayName, AgentRole Role)
{
    public const string DisplayNameClaim = "carebot:display_name";

    public string RoleName => Role.ToString().ToLowerInvariant();

    /// <summary>The cookie's principal for an account that just signed in.</summary>
    public static ClaimsPrincipal Principal(AgentAccount account, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(account);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, account.UserName),
                new Claim(DisplayNameClaim, account.DisplayName),
                new Claim(ClaimTypes.Role, account.Role.ToString().ToLowerInvariant()),
            ],
            authenticationType,
            ClaimTypes.Name,
            ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }

    public static ConsoleUser From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var name = principal.Identity?.Name ?? string.Empty;
        var role = Enum.TryParse<AgentRole>(principal.FindFirstValue(ClaimTypes.Role), ignoreCase: true, out var parsed) ? parsed : AgentRole.Agent;
        return new ConsoleUser(name, principal.FindFirstValue(DisplayNameClaim) ?? name, role);
    }
}
