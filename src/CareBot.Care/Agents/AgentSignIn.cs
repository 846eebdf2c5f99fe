using Microsoft.Extensions.Options;

namespace CareBot.Care.Agents;

/// <summary>
/// Checks a console sign-in: lock-out first (a locked account is refused without looking at the password), then the
/// password, then the disabled flag. Wrong passwords are counted in the store, which locks the account after
/// <see cref="AgentSignInOptions.MaxFailedAttempts"/> in a row.
/// </summary>
public sealed class AgentSignIn(IAgentAccountStore accounts, AgentPasswords passwords, IOptions<AgentSignInOptions> options, TimeProvider time)
{
    public async Task<AgentSignInResult> SignInAsync(string? userName, string? password, CancellationToken cancellationToken)
    {
        var name = NormalizeUserName(userName);
        if (name.Length == 0 || string.IsNullOrEmpty(password))
        {
            return new AgentSignInResult(AgentSignInOutcome.WrongCredentials);
        }

        var account = await accounts.GetAsync(name, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (account is not null && account.IsLockedOut(now))
        {
            return new AgentSignInResult(AgentSignInOutcome.LockedOut, LockedOutUntil: account.LockedOutUntil);
        }

        if (!passwords.Verify(account, password))
        {
            if (account is null)
            {
                return new AgentSignInResult(AgentSignInOutcome.WrongCredentials);
            }

            var settings = options.Value;
            var counted = await accounts.RecordFailedSignInAsync(name, settings.MaxFailedAttempts, now + settings.LockOutDuration, cancellationToken).ConfigureAwait(false);
            return counted is not null && counted.IsLockedOut(now)
                ? new AgentSignInResult(AgentSignInOutcome.LockedOut, LockedOutUntil: counted.LockedOutUntil)
                : new AgentSignInResult(AgentSignInOutcome.WrongCredentials);
        }

        if (account!.Disabled)
        {
            return new AgentSignInResult(AgentSignInOutcome.Disabled);
        }

        await accounts.RecordSignInAsync(name, cancellationToken).ConfigureAwait(false);
        return new AgentSignInResult(AgentSignInOutcome.SignedIn, account);
    }

    /// <summary>User names are compared in lower case and without surrounding spaces.</summary>
    public static string NormalizeUserName(string? userName) => (userName ?? string.Empty).Trim().ToLowerInvariant();
}
