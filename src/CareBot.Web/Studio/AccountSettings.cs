using CareBot.Care.Agents;
using CareBot.Care.Studio;

namespace CareBot.Web.Studio;

/// <summary>
/// Console accounts as the settings page shows and changes them: through the same <see cref="IAgentAccountStore"/> the
/// <c>agents</c> CLI uses, each change written to the audit log.
/// </summary>
public sealed class AccountSettings(IAgentAccountStore accounts, IStudioStore audit, TimeProvider time)
{
    /// <summary>Every account, by user name.</summary>
    public Task<IReadOnlyList<AgentAccount>> ListAsync(CancellationToken cancellationToken) => accounts.ListAsync(cancellationToken);

    /// <summary>
    /// Disables (the account can no longer sign in and its sessions end) or enables an account; returns why not, or null
    /// when done. An admin cannot disable their own account (nobody might be left to enable it).
    /// </summary>
    public async Task<string?> SetDisabledAsync(string userName, bool disabled, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (disabled && string.Equals(userName, actor, StringComparison.Ordinal))
        {
            return "You cannot disable your own account; ask another admin, or use 'agents disable' on the server.";
        }

        if (!await accounts.SetDisabledAsync(userName, disabled, cancellationToken).ConfigureAwait(false))
        {
            return $"There is no account '{userName}'.";
        }

        var what = disabled ? "disabled" : "enabled";
        await audit.AddAuditAsync(
            new AuditEntry(time.GetUtcNow(), actor, PublicationKinds.Settings, "account:" + userName, $"Account {userName} {what}."),
            cancellationToken).ConfigureAwait(false);
        return null;
    }
}
