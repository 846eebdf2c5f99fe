namespace CareBot.Care.Agents;

/// <summary>
/// Section <c>AgentSignIn</c>: how the console meets repeated wrong passwords.
/// <code>"AgentSignIn": { "MaxFailedAttempts": 5, "LockOutDuration": "00:15:00" }</code>
/// </summary>
public sealed class AgentSignInOptions
{
    public const string SectionName = "AgentSignIn";

    /// <summary>Wrong passwords in a row that lock the account. Default 5.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long a locked account refuses every sign-in, even with the right password. Default 15 minutes.</summary>
    public TimeSpan LockOutDuration { get; set; } = TimeSpan.FromMinutes(15);
}
