using System.Diagnostics.Metrics;

namespace GemScheduling.Schedules;

internal static class ScheduleMetrics
{
    private static readonly Meter Meter = new("GemScheduling");

    /// <summary>Greenhouse and email writes performed by schedule outboxes, by kind and outcome.</summary>
    public static readonly Counter<long> Writes = Meter.CreateCounter<long>("gemscheduling.schedule.writes");
}
