namespace CareBot.Care.Triage.Azure;

/// <summary>
/// Counts consecutive failures; after <c>threshold</c> of them the circuit is open for <c>duration</c>, and the caller
/// skips the service. One request after the break is let through; success closes the circuit. Thread-safe.
/// </summary>
internal sealed class CircuitBreaker(int threshold, TimeSpan duration, TimeProvider time)
{
    private readonly Lock gate = new();
    private int failures;
    private DateTimeOffset openUntil = DateTimeOffset.MinValue;

    public bool IsOpen(out DateTimeOffset until)
    {
        lock (gate)
        {
            until = openUntil;
            return time.GetUtcNow() < openUntil;
        }
    }

    public void RecordSuccess()
    {
        lock (gate)
        {
            failures = 0;
        }
    }

    /// <summary>Records a failure; returns true when this failure opened the circuit.</summary>
    public bool RecordFailure(out DateTimeOffset until)
    {
        lock (gate)
        {
            failures++;
            if (failures >= threshold)
            {
                failures = 0;
                openUntil = time.GetUtcNow() + duration;
                until = openUntil;
                return true;
            }

            until = openUntil;
            return false;
        }
    }
}
