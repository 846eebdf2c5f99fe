using CareBot.Care.Agents;
using Microsoft.Extensions.Logging;

namespace CareBot.Web.Hosting;

/// <summary>Log messages of single sign-on (event ids 9100-9199).</summary>
internal static partial class SingleSignOnLog
{
    [LoggerMessage(EventId = 9100, Level = LogLevel.Warning, Message = "Single sign-on changed the role of console account {UserName} from {OldRole} to {NewRole} (token claim {RoleClaim})")]
    public static partial void RoleFromToken(ILogger logger, string userName, AgentRole oldRole, AgentRole newRole, string roleClaim);
}
