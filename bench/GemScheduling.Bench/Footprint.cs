using System.Diagnostics;

namespace GemScheduling.Bench;

/// <summary>This process's memory after three compacting full collections.</summary>
public sealed record Footprint(long Managed, long Heap, long Committed, long WorkingSet, long Private)
{
    public static Footprint Measure()
    {
        for (var i = 0; i < 3; i++)
            Measured.Settle();
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        using var process = Process.GetCurrentProcess();
        return new Footprint(GC.GetTotalMemory(forceFullCollection: true), info.HeapSizeBytes, info.TotalCommittedBytes, process.WorkingSet64, process.PrivateMemorySize64);
    }
}
