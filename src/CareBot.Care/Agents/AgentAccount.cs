namespace CareBot.Care.Agents;

/// <summary>
/// A person who signs in to the agent console. The user name is what cases record as the assignee and note author (the
/// same name an API key maps to), so one person is one name across the console and the JSON API.
/// </summary>
/// <param name="UserName">The sign-in name, lower case (<c>ana</c>); unique.</param>
/// <param name="DisplayName">How colleagues see them (<c>Ana Lima</c>).</param>
/// <param name="Role">What they may do.</param>
/// <param name="Queues">The queues they work; an agent's inbox shows these (supervisors and admins see every queue).</param>
/// <param name="Disabled">A disabled account cannot sign in (and its signed-in sessions end).</param>
/// <param name="PasswordHash">ASP.NET Core Identity's password hash (PBKDF2, salted); never the password.</param>
/// <param name="FailedAttempts">Wrong passwords since the last successful sign-in or lock-out.</param>
/// <param name="LockedOutUntil">When set and in the future, sign-in is refused even with the right password.</param>
/// <param name="CreatedAt">When the account was added.</param>
/// <param name="Email">Where notices for this person go (an @mention in a note); null for none.</param>
public sealed record AgentAccount(
    string UserName,
    string DisplayName,
    AgentRole Role,
    IReadOnlyList<string> Queues,
    bool Disabled,
    string PasswordHash,
    int FailedAttempts,
    DateTimeOffset? LockedOutUntil,
    DateTimeOffset CreatedAt,
    string? Email = null)
{
    /// <summary>Whether this account may act on any case in any queue.</summary>
    public bool IsSupervisor => Role is AgentRole.Supervisor or AgentRole.Admin;

    /// <summary>Whether the account works this queue (supervisors and admins work every queue).</summary>
    public bool Works(string queue) => IsSupervisor || Queues.Contains(queue, StringComparer.Ordinal);

    /// <summary>Whether sign-in is refused at <paramref name="now"/> because of too many wrong passwords.</summary>
    public bool IsLockedOut(DateTimeOffset now) => LockedOutUntil is { } until && until > now;
}
