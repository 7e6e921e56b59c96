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

    /// <summary>Where Greenhouse calls may go (operator settings <c>Greenhouse:AllowPrivateHosts</c>, <c>Greenhouse:AllowedHosts</c>).</summary>
    public Http.GreenhouseHostPolicy Hosts { get; init; } = new();

    /// <summary>No response body is read past this; a page of 500 Harvest records is well under 5 MB.</summary>
    public long MaxResponseBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>Harvest pages hold at most 500 records; a page with more than this is not believed.</summary>
    public int MaxRecordsPerPage { get; init; } = 1000;

    /// <summary>No listing is followed past this many pages (20,000 pages of 500 records is beyond any real org).</summary>
    public int MaxPagesPerListing { get; init; } = 20_000;

    /// <summary>How long an interactive read waits for the org's rate budget before answering "try again later".</summary>
    public TimeSpan MaxInteractiveBudgetWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a write waits for the org's rate budget inside a grain call; past it the write is not sent and the
    /// outbox schedules it for when the budget will admit it (never a failed try). 12 s covers a whole v1 window, and
    /// with one attempt (10 s) stays inside the total timeout and Orleans' 30 s grain call; a full v3 window (30 s) does not fit.
    /// </summary>
    public TimeSpan MaxWriteBudgetWait { get; init; } = TimeSpan.FromSeconds(12);
}
