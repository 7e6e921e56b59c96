using System.Diagnostics.Metrics;

namespace GemScheduling.Sync;

/// <summary>Sync counters on the "GemScheduling" meter (exported through OpenTelemetry).</summary>
internal static class SyncMetrics
{
    private static readonly Meter Meter = new("GemScheduling");

    public static readonly Counter<long> PassesStarted = Meter.CreateCounter<long>("gemscheduling.sync.passes_started");
    public static readonly Counter<long> PassesFinished = Meter.CreateCounter<long>("gemscheduling.sync.passes_finished");
    public static readonly Counter<long> PagesFetched = Meter.CreateCounter<long>("gemscheduling.sync.pages");
    public static readonly Counter<long> RecordsSynced = Meter.CreateCounter<long>("gemscheduling.sync.records");
}
