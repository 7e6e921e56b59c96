namespace GemScheduling.Sync;

/// <summary>
/// Keeps one org's copy of its Greenhouse data fresh: full and incremental passes fanned out over pages inside the
/// org's rate budget, resumable after a crash, one at a time, on a reminder and on demand. Keyed by org id.
/// </summary>
[Alias("gs.sync")]
public interface ISyncGrain : IGrainWithStringKey
{
    /// <summary>Starts a pass, or returns the one already running.</summary>
    [Alias("start")]
    Task<SyncStatus> Start(SyncMode mode, string actor);

    /// <summary>Retrieve Job, its job post and its stages now.</summary>
    [Alias("sync-job")]
    Task<JobSyncResult> SyncJob(long jobId, string actor);

    [Alias("status")]
    Task<SyncStatus> GetStatus();

    /// <summary>Registers the periodic sync (idempotent); called when Greenhouse is connected.</summary>
    [Alias("ensure-scheduled")]
    Task EnsureScheduled();
}

[GenerateSerializer, Alias("gs.sync-mode")]
public enum SyncMode
{
    Incremental,
    Full,
}

[GenerateSerializer, Immutable, Alias("gs.sync-status")]
public sealed record SyncStatus(
    [property: Id(0)] string? PassId,
    [property: Id(1)] string? Mode,
    [property: Id(2)] string State,
    [property: Id(3)] DateTimeOffset? StartedAt,
    [property: Id(4)] DateTimeOffset? FinishedAt,
    [property: Id(5)] string? TriggeredBy,
    [property: Id(6)] IReadOnlyList<SyncKindStatus> Kinds,
    [property: Id(7)] DateTimeOffset? LastSucceededAt,
    [property: Id(8)] double IntervalMinutes,
    [property: Id(9)] int FailedPassesInARow = 0,
    [property: Id(10)] DateTimeOffset? NextPassAt = null,
    [property: Id(11)] Webhooks.WebhookHealth Webhooks = Webhooks.WebhookHealth.NotConfigured,
    [property: Id(12)] double? WebhookLagSeconds = null)
{
    public const string Idle = "idle";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

[GenerateSerializer, Immutable, Alias("gs.sync-kind-status")]
public sealed record SyncKindStatus(
    [property: Id(0)] string Kind,
    [property: Id(1)] string State,
    [property: Id(2)] int PagesDone,
    [property: Id(3)] int? PagesTotal,
    [property: Id(4)] long Records,
    [property: Id(5)] DateTimeOffset? StartedAt,
    [property: Id(6)] DateTimeOffset? FinishedAt,
    [property: Id(7)] string? LastError,
    [property: Id(8)] DateTimeOffset? Watermark,
    [property: Id(9)] DateTimeOffset? Since,
    [property: Id(10)] int Attempts);

[GenerateSerializer, Immutable, Alias("gs.job-sync-result")]
public sealed record JobSyncResult(
    [property: Id(0)] long JobId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Status,
    [property: Id(3)] string? ExternalName,
    [property: Id(4)] int Stages,
    [property: Id(5)] int SchedulableInterviewSteps);
