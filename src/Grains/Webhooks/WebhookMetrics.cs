using System.Diagnostics.Metrics;

namespace GemScheduling.Webhooks;

/// <summary>Webhook counters on the "GemScheduling" meter (exported through OpenTelemetry).</summary>
internal static class WebhookMetrics
{
    private static readonly Meter Meter = new("GemScheduling");

    public static readonly Counter<long> Received = Meter.CreateCounter<long>("gemscheduling.webhooks.received");
    public static readonly Counter<long> Rejected = Meter.CreateCounter<long>("gemscheduling.webhooks.rejected");
    public static readonly Counter<long> Processed = Meter.CreateCounter<long>("gemscheduling.webhooks.processed");
    public static readonly Histogram<double> LagSeconds = Meter.CreateHistogram<double>("gemscheduling.webhooks.lag", "s");
}
