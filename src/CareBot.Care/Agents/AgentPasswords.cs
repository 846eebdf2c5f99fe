using Microsoft.AspNetCore.Identity;

namespace CareBot.Care.Agents;

/// <summary>
/// Hashes and checks console passwords with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2 with a
/// random salt, the format versioned inside the hash), so a leaked database does not leak passwords.
/// </summary>
public sealed class AgentPasswords
{
    /// <summary>The shortest password the CLI accepts.</summary>
    public const int MinimumLength = 10;

    private readonly PasswordHasher<AgentAccount> hasher = new();

    // Checked when the user name is unknown, so that an unknown name takes as long as a wrong password.
    private readonly Lazy<string> decoy;

    public AgentPasswords() => decoy = new(() => hasher.HashPassword(null!, Guid.NewGuid().ToString("N")));

    public string Hash(string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        return hasher.HashPassword(null!, password);
    }

    /// <summary>Whether the password matches the account's hash (or, with no account, spends the same time and says no).</summary>
    public bool Verify(AgentAccount? account, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var hash = account?.PasswordHash ?? decoy.Value;
        var result = hasher.VerifyHashedPassword(account!, hash, password);
        return account is not null && result != PasswordVerificationResult.Failed;
    }

    /// <summary>Why a new password is not acceptable, or null when it is.</summary>
    public static string? Problem(string? password) =>
        string.IsNullOrEmpty(password) || password.Length < MinimumLength
            ? $"The password must have at least {MinimumLength} characters."
            : null;
}
