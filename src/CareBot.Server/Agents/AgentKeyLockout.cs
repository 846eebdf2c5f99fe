using System.Net;
using System.Threading.RateLimiting;
using CareBot.Server.Composition;
using Microsoft.Extensions.Options;

namespace CareBot.Server.Agents;

/// <summary>
/// Slows down guessing of agent API keys, per client address: a few wrong keys are free, then one try per back-off
/// period, and too many wrong keys in the lock-out window lock the client out until the window ends, even with a good
/// key (a guesser must not learn that a key was right). Only failures count: agents using their key are never limited.
/// </summary>
public sealed class AgentKeyLockout : IDisposable
{
    private readonly PartitionedRateLimiter<string> backoff;
    private readonly PartitionedRateLimiter<string> lockout;

    public AgentKeyLockout(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value;
        backoff = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.AgentKeyFailuresBeforeBackoff,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = limits.AgentKeyBackoff,
            QueueLimit = 0,
        }));
        lockout = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limits.AgentKeyFailuresBeforeLockout,
            Window = limits.AgentKeyLockout,
            QueueLimit = 0,
        }));
    }

    /// <summary>How long <paramref name="client"/> must wait before trying a key again, or null when it may try now.</summary>
    public TimeSpan? WaitFor(IPAddress? client)
    {
        // Zero permits asks "is there one left?" without taking it.
        var key = KeyOf(client);
        using var locked = lockout.AttemptAcquire(key, 0);
        using var backedOff = backoff.AttemptAcquire(key, 0);
        var refused = !locked.IsAcquired ? locked : !backedOff.IsAcquired ? backedOff : null;
        return refused is null ? null : refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }

    /// <summary>Counts a wrong key from <paramref name="client"/>.</summary>
    public void RecordFailure(IPAddress? client)
    {
        var key = KeyOf(client);
        lockout.AttemptAcquire(key).Dispose();
        backoff.AttemptAcquire(key).Dispose();
    }

    public void Dispose()
    {
        backoff.Dispose();
        lockout.Dispose();
    }

    private static string KeyOf(IPAddress? client) => client?.ToString() ?? "in-process";
}
