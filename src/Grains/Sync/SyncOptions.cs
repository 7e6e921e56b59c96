namespace GemScheduling.Sync;

public sealed record SyncOptions
{
    /// <summary>How often the reminder starts an incremental pass.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Records per Harvest page (Harvest allows 1–500).</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>Pages of one kind fetched at once; every request still waits for the org's rate budget.</summary>
    public int PageConcurrency { get; init; } = 4;

    /// <summary>Incremental passes re-read this much before the watermark, for clock skew between us and Greenhouse.</summary>
    public TimeSpan Overlap { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts of one kind within a pass before it is marked failed.</summary>
    public int KindAttempts { get; init; } = 5;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The most pages of one kind a pass reads; a Greenhouse that claims more is not believed.</summary>
    public int MaxPagesPerKind { get; init; } = 20_000;

    /// <summary>No pass runs longer than this; whatever is left is retried by the next one.</summary>
    public TimeSpan MaxPassDuration { get; init; } = TimeSpan.FromHours(6);

    /// <summary>After passes fail in a row, the next waits Interval × 2^(failures−1), at most this long.</summary>
    public TimeSpan MaxFailureBackoff { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Start a full sync as soon as an org first connects Greenhouse.</summary>
    public bool StartOnConnect { get; init; } = true;
}
