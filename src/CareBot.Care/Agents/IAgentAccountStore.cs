namespace CareBot.Care.Agents;

/// <summary>
/// The console's accounts. Every change is one atomic statement, so two sign-ins racing with wrong passwords both count
/// and the CLI can change an account while the server runs.
/// </summary>
public interface IAgentAccountStore
{
    /// <summary>Adds the account; false (and nothing stored) when the user name is taken.</summary>
    Task<bool> AddAsync(AgentAccount account, CancellationToken cancellationToken);

    /// <summary>The account with this user name, or null.</summary>
    Task<AgentAccount?> GetAsync(string userName, CancellationToken cancellationToken);

    /// <summary>Every account, by user name.</summary>
    Task<IReadOnlyList<AgentAccount>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Whether any account exists (the first start says how to create one when none does).</summary>
    Task<bool> AnyAsync(CancellationToken cancellationToken);

    /// <summary>Disables or enables the account; false when there is no such account.</summary>
    Task<bool> SetDisabledAsync(string userName, bool disabled, CancellationToken cancellationToken);

    /// <summary>Replaces the password hash and lifts any lock-out; false when there is no such account.</summary>
    Task<bool> SetPasswordHashAsync(string userName, string passwordHash, CancellationToken cancellationToken);

    /// <summary>Sets the account's role (single sign-on with roles from token claims); false when there is no such account.</summary>
    Task<bool> SetRoleAsync(string userName, AgentRole role, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the account's role unless it is the last enabled admin and the new role is not admin. The check and the
    /// change are one transaction that holds the enabled admins' rows, so two admins demoting each other at the same
    /// moment cannot both succeed.
    /// </summary>
    Task<AccessChange> SetRoleKeepingAnAdminAsync(string userName, AgentRole role, CancellationToken cancellationToken);

    /// <summary>Disables or enables the account unless disabling it would leave no enabled admin (checked as above).</summary>
    Task<AccessChange> SetDisabledKeepingAnAdminAsync(string userName, bool disabled, CancellationToken cancellationToken);

    /// <summary>Replaces the queues the account works (in this order); false when there is no such account.</summary>
    Task<bool> SetQueuesAsync(string userName, IReadOnlyList<string> queues, CancellationToken cancellationToken);

    /// <summary>Sets the account's e-mail address (null removes it); false when there is no such account.</summary>
    Task<bool> SetEmailAsync(string userName, string? email, CancellationToken cancellationToken);

    /// <summary>
    /// Counts a wrong password. The <paramref name="maxAttempts"/>-th one in a row locks the account until
    /// <paramref name="lockOutUntil"/> and starts the count again. Returns the account afterwards, or null.
    /// </summary>
    Task<AgentAccount?> RecordFailedSignInAsync(string userName, int maxAttempts, DateTimeOffset lockOutUntil, CancellationToken cancellationToken);

    /// <summary>Forgets the wrong passwords after a successful sign-in.</summary>
    Task RecordSignInAsync(string userName, CancellationToken cancellationToken);
}
