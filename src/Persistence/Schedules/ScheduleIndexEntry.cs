namespace GemScheduling.Persistence.Schedules;

/// <summary>One schedule as the org-wide list shows it; the schedule grain writes it after every change.</summary>
public sealed record ScheduleIndexEntry(
    string OrgId,
    string ScheduleId,
    long ApplicationId,
    long CandidateId,
    string Status,
    string WriteBack,
    int PendingWrites,
    int FailedWrites,
    DateTimeOffset? OldestPendingAt,
    int MaxAttempts,
    DateTimeOffset? FirstInterviewAt,
    DateTimeOffset? LastInterviewAt,
    int DriftCount,
    int Version,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<long>? GreenhouseInterviewIds = null);

/// <summary>
/// Filters for the schedules list. <c>failed</c>: a write failed for good; <c>stuck</c>: a write still pending after
/// retries or for long; <c>attention</c>: either, or drift from Greenhouse.
/// </summary>
public sealed record ScheduleIndexQuery(long? ApplicationId, string? Status, int Limit, string? AfterScheduleId, DateTimeOffset Now);

public interface IScheduleIndex
{
    /// <summary>Writes the entry unless a newer version is already stored.</summary>
    Task UpsertAsync(ScheduleIndexEntry entry, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ScheduleIndexEntry>> ListAsync(string orgId, ScheduleIndexQuery query, CancellationToken cancellationToken = default);

    /// <summary>The schedules that hold this Greenhouse interview (normally one; none when it is not ours).</summary>
    Task<IReadOnlyList<ScheduleIndexEntry>> FindByGreenhouseInterviewAsync(string orgId, long greenhouseInterviewId, CancellationToken cancellationToken = default);
}
