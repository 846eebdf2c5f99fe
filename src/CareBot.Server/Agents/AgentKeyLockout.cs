using System.Net;
using System.Threading.RateLimiting;
using CareBot.Server.Composition;
using CareBot.Server.RateLimiting;
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
    private readonly RateLimitOptions limits;

    public AgentKeyLockout(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        limits = options.Value;
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

    /// <summary>
    /// How long <paramref name="client"/> must wait before trying a key again (at most: the whole back-off period or
    /// lock-out window), or null when it may try now.
    /// </summary>
    public TimeSpan? WaitFor(IPAddress? client)
    {
        // Statistics, not a zero-permit acquire: the bucket refills continuously, and a fraction of a try is no try.
        var key = KeyOf(client);
        if (lockout.GetStatistics(key)?.CurrentAvailablePermits == 0)
        {
            return limits.AgentKeyLockout;
        }

        return backoff.GetStatistics(key)?.CurrentAvailablePermits == 0 ? limits.AgentKeyBackoff : null;
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
