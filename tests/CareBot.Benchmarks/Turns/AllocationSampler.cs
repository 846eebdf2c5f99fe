using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace CareBot.Benchmarks.Turns;

/// <summary>
/// Which types a run allocates, sampled in-process from the runtime's GC AllocationTick events (one event per about
/// 100 KB allocated, naming the type of the object that crossed the mark), so a type's share of events estimates its
/// share of bytes. Enough to see where a turn's allocations go without a profiler installed.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> bytesByType = new(StringComparer.Ordinal);
    private volatile bool sampling;

    public void Start() => sampling = true;

    public void Stop() => sampling = false;

    /// <summary>The most allocated types, with their estimated share of bytes.</summary>
    public void Report(TextWriter output, int top)
    {
        var total = bytesByType.Values.Sum();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"allocation samples: {total / 1024:N0} KB sampled; top types by share of bytes:"));
        foreach (var (type, bytes) in bytesByType.OrderByDescending(t => t.Value).Take(top))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {100.0 * bytes / total,5:F1}%  {type}"));
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!sampling || eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
        {
            return;
        }

        var type = PayloadOf(eventData, "TypeName") as string ?? "?";
        var amount = PayloadOf(eventData, "AllocationAmount64") is ulong large ? (long)large : Convert.ToInt64(PayloadOf(eventData, "AllocationAmount") ?? 0, CultureInfo.InvariantCulture);
        bytesByType.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }

    private static object? PayloadOf(EventWrittenEventArgs eventData, string name)
    {
        var index = eventData.PayloadNames?.IndexOf(name) ?? -1;
        return index >= 0 ? eventData.Payload![index] : null;
    }
}
