namespace CareBot.Care.Agents;

/// <summary>The outcome of a sign-in; the account only when signed in; the lock-out's end when locked out.</summary>
public sealed record AgentSignInResult(AgentSignInOutcome Outcome, AgentAccount? Account = null, DateTimeOffset? LockedOutUntil = null)
{
    /// <summary>What to tell the person at the sign-in form.</summary>
    public string Message => Outcome switch
    {
        AgentSignInOutcome.SignedIn => "Signed in.",
        AgentSignInOutcome.LockedOut => "Too many wrong passwords: this account is locked for a while. Try again later or ask an administrator to set a new password.",
        AgentSignInOutcome.Disabled => "This account is disabled. Ask an administrator.",
        _ => "The user name or password is wrong.",
    };
}
