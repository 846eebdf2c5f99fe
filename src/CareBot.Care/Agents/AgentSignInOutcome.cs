namespace CareBot.Care.Agents;

/// <summary>How a console sign-in went.</summary>
public enum AgentSignInOutcome
{
    SignedIn,

    /// <summary>Unknown user name or wrong password (the two are not told apart).</summary>
    WrongCredentials,

    /// <summary>Too many wrong passwords: refused until the lock-out ends, whatever the password.</summary>
    LockedOut,

    /// <summary>The right password for a disabled account.</summary>
    Disabled,
}
