using System.Diagnostics;
using CareBot.Protocol.Middleware;

namespace CareBot.Storage.Tests.Instances;

/// <summary>Server instances for tests: a process that is gone, and one alive on another machine.</summary>
public static class ServerInstances
{
    /// <summary>An instance whose process ran on this machine and has exited (its id is now free): as after a kill.</summary>
    public static ServerInstance Killed()
    {
        // Runs until its start time is read (a process that exits at once may be gone before that), then is killed.
        using var process = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        var startedAt = process.StartTime.ToUniversalTime();
        process.Kill();
        process.WaitForExit();
        return new ServerInstance(Guid.NewGuid().ToString("N"), Environment.MachineName, process.Id, startedAt);
    }

    /// <summary>An instance on another machine: only its heartbeat says whether it runs.</summary>
    public static ServerInstance Elsewhere() =>
        new(Guid.NewGuid().ToString("N"), "another-machine", 4242, new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
}
