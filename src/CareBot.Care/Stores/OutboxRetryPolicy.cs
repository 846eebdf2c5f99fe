namespace CareBot.Care.Stores;

/// <summary>
/// When the outbox worker tries a failed message again: exponential backoff (base × 2^(attempt-1), capped) with jitter
/// that spreads retries over the upper half of the delay, so messages that failed together do not retry together; after
/// <see cref="MaxAttempts"/> attempts the message is dead (<see cref="IOutboxStore.MarkDeadAsync"/>).
/// </summary>
public sealed class OutboxRetryPolicy
{
    public OutboxRetryPolicy(int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxAttempts);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
        MaxAttempts = maxAttempts;
        BaseDelay = baseDelay;
        MaxDelay = maxDelay;
    }

    /// <summary>8 attempts, 30 seconds doubling to at most one hour (about 2 hours in all).</summary>
    public static OutboxRetryPolicy Default { get; } = new(8, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1));

    public int MaxAttempts { get; }

    public TimeSpan BaseDelay { get; }

    public TimeSpan MaxDelay { get; }

    /// <summary>Whether a message that has failed <paramref name="attempts"/> times (its stored count) should go dead.</summary>
    public bool IsExhausted(int attempts) => attempts >= MaxAttempts;

    /// <summary>The wait after failed attempt number <paramref name="attempts"/> (1-based); <paramref name="jitter"/> is a random number in [0, 1).</summary>
    public TimeSpan DelayAfter(int attempts, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempts);
        ArgumentOutOfRangeException.ThrowIfNegative(jitter);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(jitter, 1.0);
        var exponent = Math.Min(attempts - 1, 30);
        var ticks = Math.Min(BaseDelay.Ticks * Math.Pow(2, exponent), MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)(ticks * (0.5 + (0.5 * jitter))));
    }
}
