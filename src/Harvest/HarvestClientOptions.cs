namespace GemScheduling.Harvest;

/// <summary>Resilience settings; the totals stay under Orleans' 30 s grain-call timeout.</summary>
public sealed record HarvestClientOptions
{
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(25);
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public int MaxRetries { get; init; } = 4;
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(400);
    public double BreakerFailureRatio { get; init; } = 0.5;
    public int BreakerMinimumThroughput { get; init; } = 20;
    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan BreakerBreakDuration { get; init; } = TimeSpan.FromSeconds(15);
}
