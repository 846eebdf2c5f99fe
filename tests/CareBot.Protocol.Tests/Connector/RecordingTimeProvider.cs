namespace CareBot.Protocol.Tests.Connector;

/// <summary>
/// The system clock, but remembers every timer's due time, so a test can see which waits the client asked for
/// (a Retry-After of 1 s shows up as a 1 s timer) without asserting on elapsed time.
/// </summary>
internal sealed class RecordingTimeProvider : TimeProvider
{
    private readonly List<TimeSpan> _dueTimes = [];

    public IReadOnlyList<TimeSpan> DueTimes
    {
        get
        {
            lock (_dueTimes)
            {
                return [.. _dueTimes];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_dueTimes)
        {
            _dueTimes.Add(dueTime);
        }

        return System.CreateTimer(callback, state, dueTime, period);
    }
}
