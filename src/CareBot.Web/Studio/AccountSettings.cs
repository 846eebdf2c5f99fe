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
    /// when done. An admin cannot disable their own account (nobody might be left to enable it), nor the last admin.
    /// </summary>
    public async Task<string?> SetDisabledAsync(string userName, bool disabled, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (disabled && string.Equals(userName, actor, StringComparison.Ordinal))
        {
            return "You cannot disable your own account; ask another admin, or use 'agents disable' on the server.";
        }

        switch (await accounts.SetDisabledKeepingAnAdminAsync(userName, disabled, cancellationToken).ConfigureAwait(false))
        {
            case AccessChange.NoSuchAccount:
                return $"There is no account '{userName}'.";
            case AccessChange.WouldLeaveNoAdmin:
                return LastAdmin(userName);
        }

        var what = disabled ? "disabled" : "enabled";
        await audit.AddAuditAsync(
            new AuditEntry(time.GetUtcNow(), actor, PublicationKinds.Settings, "account:" + userName, $"Account {userName} {what}."),
            cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Changes an account's role; returns why not, or null when done. The last enabled admin cannot stop being one
    /// (nobody would be left to open the admin pages).
    /// </summary>
    public async Task<string?> SetRoleAsync(string userName, AgentRole role, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (await accounts.GetAsync(userName, cancellationToken).ConfigureAwait(false) is not { } account)
        {
            return $"There is no account '{userName}'.";
        }

        if (account.Role == role)
        {
            return null;
        }

        // The store checks for the last admin inside the change itself: a check here could race another admin's.
        switch (await accounts.SetRoleKeepingAnAdminAsync(userName, role, cancellationToken).ConfigureAwait(false))
        {
            case AccessChange.NoSuchAccount:
                return $"There is no account '{userName}'.";
            case AccessChange.WouldLeaveNoAdmin:
                return LastAdmin(userName);
        }

        await AuditAsync(actor, userName, $"Account {userName} role {Name(account.Role)} -> {Name(role)}.", cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Replaces the queues an account works, from a comma-separated list (names as the dialogs' <c>handoff:</c> gives
    /// them); returns why not, or null when done.
    /// </summary>
    public async Task<string?> SetQueuesAsync(string userName, string queues, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var list = queues.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (list.FirstOrDefault(q => q.Length > 50 || !q.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) is { } bad)
        {
            return $"'{bad}' is not a queue name; use 1-50 letters, digits, '-', '_' or '.', separated by commas (e.g. care, billing).";
        }

        if (list.Count > 50)
        {
            return $"{list.Count} queues; an account works at most 50.";
        }

        if (!await accounts.SetQueuesAsync(userName, list, cancellationToken).ConfigureAwait(false))
        {
            return $"There is no account '{userName}'.";
        }

        await AuditAsync(actor, userName, $"Account {userName} queues: {(list.Count == 0 ? "(none)" : string.Join(", ", list))}.", cancellationToken).ConfigureAwait(false);
        return null;
    }

    private static string LastAdmin(string userName) =>
        $"{userName} is the last admin; make another account admin first, so someone can still open the admin pages.";

    private static string Name(AgentRole role) => role.ToString().ToLowerInvariant();

    private Task AuditAsync(string actor, string userName, string detail, CancellationToken cancellationToken) =>
        audit.AddAuditAsync(new AuditEntry(time.GetUtcNow(), actor, PublicationKinds.Settings, "account:" + userName, detail), cancellationToken);
}
