namespace CareBot.Protocol.Turns;

/// <summary>
/// Tells a failure of the storage that will pass (busy past its timeout, disk full, database unreachable) from a bug, so
/// that a turn it broke is answered <c>503 Service Unavailable</c> with <c>Retry-After</c>, which channels retry, rather
/// than 500. The storage project provides it; the protocol knows no SQL. Without one, every failure is a 500.
/// </summary>
public interface IStorageFailureClassifier
{
    /// <summary>
    /// True when <paramref name="exception"/> (or one it wraps) means the storage is unavailable for now;
    /// <paramref name="retryAfter"/> is then how long a channel should wait before it retries.
    /// </summary>
    bool IsUnavailable(Exception exception, out TimeSpan retryAfter);
}
