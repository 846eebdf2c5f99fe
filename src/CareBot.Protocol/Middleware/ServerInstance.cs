using System.Diagnostics;

namespace CareBot.Protocol.Middleware;

/// <summary>
/// One start of a server process, as the owner of the activities it is processing: a random <see cref="Id"/> per start,
/// plus the machine and OS process it runs as, so that a process on the same machine can tell at once that the owner is
/// gone (killed, crashed) instead of waiting for its claims to expire.
/// </summary>
/// <param name="Id">Random per process start; never reused.</param>
/// <param name="HostName">The machine's name (<see cref="Environment.MachineName"/>).</param>
/// <param name="ProcessId">The OS process id.</param>
/// <param name="ProcessStartedAt">When the OS process started (UTC): a reused process id has a different start time.</param>
public sealed record ServerInstance(string Id, string HostName, int ProcessId, DateTimeOffset ProcessStartedAt)
{
    // Start times are read from the OS with limited precision; a reused process id starts later than that.
    private static readonly TimeSpan StartTimeTolerance = TimeSpan.FromSeconds(1);

    /// <summary>A new instance for the current process (call once per process start).</summary>
    public static ServerInstance ForCurrentProcess()
    {
        using var process = Process.GetCurrentProcess();
        return new ServerInstance(Guid.NewGuid().ToString("N"), Environment.MachineName, process.Id, process.StartTime.ToUniversalTime());
    }

    /// <summary>
    /// True when this instance ran on <paramref name="hostName"/> (the observer's machine) and its OS process no longer
    /// runs there: no process has its id, or the one that has it started at another time. False when it runs, or when it
    /// ran on another machine (which only its heartbeat can tell).
    /// </summary>
    public bool IsGoneFrom(string hostName)
    {
        if (!string.Equals(HostName, hostName, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(ProcessId);
            return process.HasExited || (process.StartTime.ToUniversalTime() - ProcessStartedAt).Duration() > StartTimeTolerance;
        }
        catch (ArgumentException)
        {
            return true; // no process with that id
        }
        catch (InvalidOperationException)
        {
            return true; // it exited while we looked
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not ours to inspect: it may well run
        }
    }
}
