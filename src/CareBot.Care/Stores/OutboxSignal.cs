namespace CareBot.Care.Stores;

/// <summary>
/// Wakes the outbox worker as soon as a commit added messages, so a promised private message goes out right away
/// instead of at the next poll. Polling stays as the safety net (another instance's commits, retries coming due).
/// </summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim signal = new(0, 1);

    /// <summary>There is new work; cheap and safe to call from anywhere, any number of times.</summary>
    public void Notify()
    {
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the worker will look once, which covers this call too.
        }
    }

    /// <summary>Waits until <see cref="Notify"/> or the timeout, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => signal.Dispose();
}
