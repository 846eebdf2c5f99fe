using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Protocol.DirectLine;

/// <summary>
/// The channel's credentials: the secret (configured, or generated for development) and the tokens it issued. A token
/// is bound to one conversation (and possibly one user) and expires after <see cref="DirectLineOptions.TokenLifetime"/>.
/// </summary>
internal sealed class DirectLineTokens
{
    private readonly ConcurrentDictionary<string, DirectLineGrant> _tokens = new(StringComparer.Ordinal);
    private readonly byte[] _secret;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private int _issuedSincePrune;

    public DirectLineTokens(IOptions<DirectLineOptions> options, TimeProvider time, ILogger<DirectLineTokens> logger)
    {
        var value = options.Value;
        _time = time;
        _lifetime = value.TokenLifetime;
        if (string.IsNullOrWhiteSpace(value.Secret))
        {
            // Nobody knows this secret: the page gets tokens through the same-origin token endpoint, on loopback only.
            _secret = Encoding.UTF8.GetBytes(NewRandom());
            IsDevelopmentSecret = true;
            DirectLineLog.DevelopmentSecret(logger);
        }
        else
        {
            _secret = Encoding.UTF8.GetBytes(value.Secret);
        }
    }

    /// <summary>True when no secret was configured: the channel then answers only loopback requests.</summary>
    public bool IsDevelopmentSecret { get; }

    /// <summary>The token lifetime in whole seconds, as <c>expires_in</c> reports it.</summary>
    public int ExpiresInSeconds => (int)_lifetime.TotalSeconds;

    /// <summary>True when <paramref name="candidate"/> is the secret (compared in constant time).</summary>
    public bool IsSecret(string candidate) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _secret);

    /// <summary>Issues a new token for one conversation (and user, when known).</summary>
    public string Issue(string conversationId, string? userId)
    {
        var token = NewRandom();
        _tokens[token] = new DirectLineGrant(conversationId, userId, _time.GetUtcNow() + _lifetime);
        if (Interlocked.Increment(ref _issuedSincePrune) >= 1000)
        {
            Prune();
        }

        return token;
    }

    /// <summary>Forgets a token (replaced by a refresh, or its conversation was forgotten): it then answers 401.</summary>
    public void Revoke(string token) => _tokens.TryRemove(token, out _);

    /// <summary>The tokens remembered now.</summary>
    public int Count => _tokens.Count;

    /// <summary>The grant of a token, with whether it has expired; null when the token was never issued (or pruned).</summary>
    public (DirectLineGrant Grant, bool Expired)? Find(string token) =>
        _tokens.TryGetValue(token, out var grant) ? (grant, grant.ExpiresAt <= _time.GetUtcNow()) : null;

    // Tokens long expired are forgotten (a forgotten token answers 401 instead of 403, which is fine that late).
    private void Prune()
    {
        Interlocked.Exchange(ref _issuedSincePrune, 0);
        var horizon = _time.GetUtcNow() - _lifetime;
        foreach (var (token, grant) in _tokens)
        {
            if (grant.ExpiresAt < horizon)
            {
                _tokens.TryRemove(token, out _);
            }
        }
    }

    private static string NewRandom() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
